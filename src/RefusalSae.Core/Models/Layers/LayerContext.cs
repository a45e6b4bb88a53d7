using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>What every decoder layer of one forward call shares: RoPE tables, both masks, the optional KV cache.</summary>
public sealed record LayerContext(Tensor Cos, Tensor Sin, Tensor FullMask, Tensor? SlidingMask, KvCache? Cache);
