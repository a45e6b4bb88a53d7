using RefusalSae.Core.Tensors;
using RefusalSae.Worker.Cli;
using static TorchSharp.torch;

namespace RefusalSae.Worker.Commands;

/// <summary>What the model verbs (forward, generate) share: --dtype/--device, and bad input turned into coded errors.</summary>
internal static class ModelCommands
{
    public static (ScalarType DType, Device Device) Target(ArgReader args)
    {
        var dtype = args.Optional("dtype", "f32");
        var device = args.Optional("device", "cpu");
        try
        {
            return (TorchTarget.ParseDType(dtype), TorchTarget.ParseDevice(device));
        }
        catch (ArgumentException e)
        {
            throw new WorkerException("RSW110", e.Message);
        }
    }

    /// <summary>Runs <paramref name="work"/>; a bad file or bad input becomes an RSW3xx error with the library's message.</summary>
    public static T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new WorkerException("RSW511", e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or KeyNotFoundException or System.Text.Json.JsonException)
        {
            throw new WorkerException("RSW512", e.Message);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException)
        {
            throw new WorkerException("RSW513", e.Message);
        }
    }
}
