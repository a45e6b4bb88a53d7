using System.Reflection;
using RefusalSae.Worker.Cli;

namespace RefusalSae.Worker;

/// <summary>Dispatches `RefusalSae.Worker VERB --options`; the verbs live in Commands/, one file each.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var commands = Discover();
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine("usage: RefusalSae.Worker VERB [--option value ...]\n");
            foreach (var c in commands.Values.OrderBy(c => c.Name)) Console.WriteLine($"  {c.Usage}");
            return args.Length == 0 ? 2 : 0;
        }
        if (!commands.TryGetValue(args[0], out var command))
        {
            Console.Error.WriteLine($"error RSW001: unknown verb '{args[0]}'; known: {string.Join(", ", commands.Keys.Order())}.");
            return 2;
        }
        // libtorch spins one thread per core; on a shared or oversubscribed machine fewer threads are faster
        // (measured here: a toy training step took 1.2 s with 1 thread and 3 s with 2 under a load of 6).
        if (int.TryParse(Environment.GetEnvironmentVariable("RSW_THREADS"), out var threads) && threads > 0)
            TorchSharp.torch.set_num_threads(threads);
        try
        {
            return command.Run(new ArgReader(command.Name, args.Skip(1)));
        }
        catch (WorkerException e)
        {
            Console.Error.WriteLine($"error {e.Code}: {e.Message}");
            return 1;
        }
    }

    internal static Dictionary<string, IWorkerCommand> Discover() =>
        Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => typeof(IWorkerCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IWorkerCommand)Activator.CreateInstance(t)!)
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
}
