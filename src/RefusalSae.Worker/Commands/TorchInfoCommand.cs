using RefusalSae.Worker.Cli;
using TorchSharp;

namespace RefusalSae.Worker.Commands;

/// <summary>`torch-info`: proves the native library loads (the GLIBCXX fix) and shows threads and devices.</summary>
public sealed class TorchInfoCommand : IWorkerCommand
{
    public string Name => "torch-info";
    public string Usage => "torch-info                       libtorch version, threads, CUDA availability";

    public int Run(ArgReader args)
    {
        args.EnsureAllUsed();
        using var x = torch.ones(2, 2);
        Console.WriteLine($"torch {torch.__version__} threads={torch.get_num_threads()} cuda={torch.cuda.is_available()} sum={x.sum().item<float>()}");
        return 0;
    }
}
