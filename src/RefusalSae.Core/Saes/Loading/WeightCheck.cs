using static TorchSharp.torch;

namespace RefusalSae.Core.Saes.Loading;

/// <summary>Shape checks that name the file and key, so a wrong file is reported before any matmul.</summary>
internal static class WeightCheck
{
    public static Tensor Expect(string file, string key, Tensor t, params long[] shape)
    {
        if (!t.shape.SequenceEqual(shape))
        {
            var got = $"[{string.Join(",", t.shape)}]";
            t.Dispose();
            throw new InvalidDataException($"{file}: tensor '{key}' has shape {got}, expected [{string.Join(",", shape)}].");
        }
        return t;
    }

    public static long Dim(string file, string key, Tensor t, int dim)
    {
        if (t.shape.Length <= dim)
            throw new InvalidDataException($"{file}: tensor '{key}' has shape [{string.Join(",", t.shape)}], expected at least {dim + 1} dimensions.");
        return t.shape[dim];
    }
}
