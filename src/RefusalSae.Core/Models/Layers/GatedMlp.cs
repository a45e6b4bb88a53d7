using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>down(act(gate(x)) · up(x)); act = gelu tanh (Gemma-2 GeGLU) or silu (Llama SwiGLU).</summary>
public sealed class GatedMlp : nn.Module
{
    // Field names are checkpoint keys: model.layers.{i}.mlp.{gate_proj,up_proj,down_proj}.weight
    private readonly LinearNoBias gate_proj;
    private readonly LinearNoBias up_proj;
    private readonly LinearNoBias down_proj;
    private readonly bool _geluTanh;

    public GatedMlp(ModelConfig cfg, WeightInit init) : base(nameof(GatedMlp))
    {
        gate_proj = new LinearNoBias(cfg.HiddenSize, cfg.IntermediateSize, init);
        up_proj = new LinearNoBias(cfg.HiddenSize, cfg.IntermediateSize, init);
        down_proj = new LinearNoBias(cfg.IntermediateSize, cfg.HiddenSize, init);
        _geluTanh = cfg.Architecture == ModelArchitecture.Gemma2;
        RegisterComponents();
    }

    public Tensor Forward(Tensor x)                                                    // x: (B, T, D)
    {
        using var scope = torch.NewDisposeScope();
        var g = gate_proj.Forward(x);                                                  // (B, T, F)
        var a = _geluTanh
            ? nn.functional.gelu(g, TorchSharp.Modules.GELU.Approximate.tanh)
            : nn.functional.silu(g);
        return down_proj.Forward(a * up_proj.Forward(x)).MoveToOuterDisposeScope();    // (B, T, D)
    }
}
