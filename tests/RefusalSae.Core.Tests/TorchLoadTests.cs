using TorchSharp;

namespace RefusalSae.Core.Tests;

public sealed class TorchLoadTests
{
    [Fact]
    public void Libtorch_loads_and_adds_two_by_two_ones()
    {
        using var x = torch.ones(2, 2);
        Assert.Equal(4f, x.sum().item<float>());
    }
}
