using RefusalSae.Core.Generation;
using RefusalSae.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Benchmarks.Models;

/// <summary>
/// Tokens/s of prefill (one forward over B x T tokens) and of batched KV-cache decoding, on the tiny fixtures and on
/// a random model with gemma-2-2b's shapes and 2 layers, in f32 and bf16. Each figure is also given as achieved
/// FLOP/s over this run's measured matmul peak, and prefill is compared with the same model's matmuls run bare
/// (the "linear-only" time) to show how much is spent outside GEMMs.
/// Args: [--fixtures DIR] [--quick].
/// </summary>
public sealed class ModelSpeedBenchmark : IBenchmark
{
    public string Name => "model-speed";
    public string Description => "prefill and KV-cache generation tokens/s, as a fraction of matmul peak (f32, bf16)";

    public int Run(string[] args)
    {
        var fixtures = args.SkipWhile(a => a != "--fixtures").Skip(1).FirstOrDefault()
            ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/fixtures"));
        var quick = args.Contains("--quick");
        // The machine is shared: the load average says how much of the figures is contention. Peak is re-measured
        // before every model so each ratio compares timings taken seconds apart.
        Console.WriteLine($"threads {torch.get_num_threads()}, load average {File.ReadAllText("/proc/loadavg").Trim()}, fixtures {fixtures}");
        Console.WriteLine("model                dtype  phase     B x T      tokens/s   GFLOP/s  %peak  linear-only %peak");
        var only = args.SkipWhile(a => a != "--dtype").Skip(1).FirstOrDefault();
        var dtypes = only is null ? [ScalarType.Float32, ScalarType.BFloat16] : new[] { Core.Tensors.TorchTarget.ParseDType(only) };
        foreach (var dtype in dtypes)
        {
            Console.WriteLine($"-- {dtype}");
            // Without avx512_bf16 (and on some builds without AVX-512 at all) libtorch's CPU bf16 GEMM falls back to a
            // scalar path ~1000x slower than f32; a 2b-shaped model would then take hours, so only the tiny ones run.
            var slow = dtype != ScalarType.Float32 && !File.ReadAllText("/proc/cpuinfo").Contains("avx512_bf16", StringComparison.Ordinal);
            if (slow) Console.WriteLine($"   this CPU has no avx512_bf16: {dtype} GEMM is ~1000x slower than f32, large model skipped");
            var models = new (string Name, Func<CausalLM> Make, int B, int T, int GenB)[]
            {
                ("tiny-gemma2-hf", () => ModelLoader.Load(Path.Combine(fixtures, "tiny-gemma2-hf"), dtype, torch.CPU), 8, 64, 8),
                ("tiny-llama3-hf", () => ModelLoader.Load(Path.Combine(fixtures, "tiny-llama3-hf"), dtype, torch.CPU), 8, 64, 8),
                ("gemma2-2b-shape-2L", () => CausalLM.Create(ModelConfig.Gemma2_2b(2), dtype, torch.CPU, seed: 0), 2, quick ? 64 : 128, 4),
            };
            foreach (var (name, make, b, t, genB) in models.Where(m => !slow || m.Name.StartsWith("tiny", StringComparison.Ordinal)))
            {
                using var model = make();
                var n = slow ? 256 : 2048;
                var peak = MatmulPeak.GflopsPerSecond(dtype, n, reps: slow ? 1 : 3);
                Console.WriteLine($"   matmul peak now {peak:F1} GFLOP/s ({n}², median of 3); load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
                Prefill(model, name, dtype, b, t, peak);
                Generate(model, name, dtype, genB, 32, quick ? 4 : 16, peak);
            }
        }
        return 0;
    }

    private static void Prefill(CausalLM model, string name, ScalarType dtype, int b, int t, double peak)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var ids = torch.randint(0, model.Config.VocabSize, [b, t], generator: new Generator(1));
        var seconds = Timing.MedianSeconds(() => { using var s = torch.NewDisposeScope(); model.Forward(ids); }, reps: 2);
        var flops = Flops.Prefill(model, b, t);
        var linear = LinearOnlySeconds(model, b * t, dtype);
        Report(name, dtype, "prefill", $"{b}x{t}", b * t / seconds, flops / seconds, peak,
            $"{100 * Flops.Linear(model, b * t) / linear / 1e9 / peak,5:F1}% ({100 * linear / seconds:F0}% of time in GEMMs)");
    }

    private static void Generate(CausalLM model, string name, ScalarType dtype, int b, int prompt, int newTokens, double peak)
    {
        using var scope = torch.NewDisposeScope();
        var ids = torch.randint(0, model.Config.VocabSize, [b, prompt], generator: new Generator(2));
        var mask = torch.ones(b, prompt, ScalarType.Int64);
        mask[0, ..4] = torch.zeros(4, ScalarType.Int64);                                 // one left-padded row
        double Run(int n) => Timing.MedianSeconds(() =>
        {
            using var s = torch.NewDisposeScope();
            TextGenerator.Generate(model, ids, mask, new GenerationOptions { MaxNewTokens = n, PadId = 0 });
        }, reps: 1);
        var one = Run(1);
        var all = Run(newTokens);
        var decode = (all - one) / (newTokens - 1);                                     // seconds per decoding step
        var flops = Flops.Decode(model, b, prompt + newTokens / 2);
        Report(name, dtype, "decode", $"{b}x{prompt}+{newTokens}", b / decode, flops / decode, peak, "(weights re-read every step)");
    }

    private static double LinearOnlySeconds(CausalLM model, long tokens, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var total = 0.0;
        foreach (var (_, w) in Flops.Matrices(model))
        {
            var x = torch.randn(tokens, w.shape[1]).to_type(dtype);
            total += Timing.MedianSeconds(() => nn.functional.linear(x, w).Dispose(), reps: 2);
        }
        return total;
    }

    private static void Report(string name, ScalarType dtype, string phase, string shape, double tokensPerSecond, double flopsPerSecond, double peak, string extra) =>
        Console.WriteLine($"{name,-20} {(dtype == ScalarType.Float32 ? "f32" : "bf16"),-6} {phase,-9} {shape,-10} {tokensPerSecond,9:F1} {flopsPerSecond / 1e9,8:F1} {100 * flopsPerSecond / 1e9 / peak,5:F1}%  {extra}");
}
