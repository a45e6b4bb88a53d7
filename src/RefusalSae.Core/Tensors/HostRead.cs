using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tensors;

/// <summary>
/// The one way tensor data reaches the host: <c>Tensor.data&lt;T&gt;()</c> throws for a tensor on a GPU, so every read
/// converts, copies to the CPU and makes the copy contiguous first (a no-op copy for a CPU tensor of the right type).
/// A tensor on TorchSharp's <c>meta</c> device has a shape but no data: it reads as zeros of its size, so CPU tests can
/// run whole stage paths on <c>meta</c> to check shape and device propagation (a CPU tensor mixed with a meta one
/// fails there as it would on CUDA). A source-scan test forbids <c>.data&lt;</c> anywhere else under src/.
/// </summary>
public static class HostRead
{
    /// <summary>All elements, row-major, as float32.</summary>
    public static float[] Floats(Tensor t) => Read<float>(t, ScalarType.Float32);

    /// <summary>All elements, row-major, as float64.</summary>
    public static double[] Doubles(Tensor t) => Read<double>(t, ScalarType.Float64);

    /// <summary>All elements, row-major, as int64.</summary>
    public static long[] Longs(Tensor t) => Read<long>(t, ScalarType.Int64);

    private static T[] Read<T>(Tensor t, ScalarType type) where T : unmanaged
    {
        if (t.device_type == DeviceType.META) return new T[t.numel()];
        using var scope = NewDisposeScope();
        var host = t.detach().to(type, CPU).contiguous();
        return host.data<T>().ToArray();
    }
}
