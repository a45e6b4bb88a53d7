using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tensors;

/// <summary>Parses the dtype and device names the CLI and configs use (f32|bf16|f16, cpu|cuda|cuda:N).</summary>
public static class TorchTarget
{
    public static ScalarType ParseDType(string name) => name.ToLowerInvariant() switch
    {
        "f32" or "float32" => ScalarType.Float32,
        "bf16" or "bfloat16" => ScalarType.BFloat16,
        "f16" or "float16" => ScalarType.Float16,
        "f64" or "float64" => ScalarType.Float64,
        _ => throw new ArgumentException($"unknown dtype '{name}' (expected f32, bf16, f16 or f64)."),
    };

    public static Device ParseDevice(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower == "cpu") return torch.CPU;
        if (lower == "cuda" || lower.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new ArgumentException($"device '{name}' requested but CUDA is not available (no GPU, or a build with TorchBackend=cpu).");
            return torch.device(lower);
        }
        throw new ArgumentException($"unknown device '{name}' (expected cpu, cuda or cuda:N).");
    }
}
