using TorchSharp;

namespace RefusalSae.Core.IO;

/// <summary>safetensors dtype strings ↔ TorchSharp scalar types (huggingface/safetensors docs, "Format").</summary>
public static class SafeTensorsDType
{
    public static torch.ScalarType ToScalarType(string dtype, string file, string tensor) => dtype switch
    {
        "F64" => torch.ScalarType.Float64,
        "F32" => torch.ScalarType.Float32,
        "F16" => torch.ScalarType.Float16,
        "BF16" => torch.ScalarType.BFloat16,
        "I64" => torch.ScalarType.Int64,
        "I32" => torch.ScalarType.Int32,
        "I16" => torch.ScalarType.Int16,
        "I8" => torch.ScalarType.Int8,
        "U8" => torch.ScalarType.Byte,
        "BOOL" => torch.ScalarType.Bool,
        _ => throw new InvalidDataException($"{file}: tensor '{tensor}' has dtype '{dtype}', which is not supported (F64, F32, F16, BF16, I64, I32, I16, I8, U8, BOOL)."),
    };

    public static string FromScalarType(torch.ScalarType t) => t switch
    {
        torch.ScalarType.Float64 => "F64",
        torch.ScalarType.Float32 => "F32",
        torch.ScalarType.Float16 => "F16",
        torch.ScalarType.BFloat16 => "BF16",
        torch.ScalarType.Int64 => "I64",
        torch.ScalarType.Int32 => "I32",
        torch.ScalarType.Int16 => "I16",
        torch.ScalarType.Int8 => "I8",
        torch.ScalarType.Byte => "U8",
        torch.ScalarType.Bool => "BOOL",
        _ => throw new ArgumentException($"dtype {t} cannot be written to safetensors"),
    };

    public static int ElementSize(string dtype) => dtype switch
    {
        "F64" or "I64" => 8,
        "F32" or "I32" => 4,
        "F16" or "BF16" or "I16" => 2,
        _ => 1,
    };
}
