using System.Runtime.InteropServices;

namespace RefusalSae.Tasks;

/// <summary>
/// Makes a SIGTERM'd `dotnet build` fail. The .NET runtime's default SIGTERM handling ends the process with
/// <see cref="Environment.ExitCode"/>, which is 0 in MSBuild's process: a build killed by `timeout`, a CI limit, Slurm
/// or a container runtime reported success (measured: exit code 0). The first workflow task in a process registers
/// a handler that sets the conventional 143 (128 + SIGTERM) and lets the default termination go on; the running
/// worker stops with it (<see cref="WorkerTool"/>, and the worker's own watch of its parent).
/// </summary>
internal static class BuildTermination
{
    public const int ExitCode = 143;

    private static readonly Lock Gate = new();
    private static PosixSignalRegistration? _registration;

    public static void Register()
    {
        lock (Gate)
        {
            // Kept for the process's lifetime on purpose: the signal can come at any point of the build.
            _registration ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ =>
            {
                Environment.ExitCode = ExitCode;
                Console.Error.WriteLine($"warning RSW412: received SIGTERM: the build stops with exit code {ExitCode}; running workers stop with it, finished items stay in the item cache");
            });
        }
    }
}
