using RefusalSae.Core.Hooks;
using RefusalSae.Core.Models.Layers;
using RefusalSae.Core.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models;

/// <summary>
/// Gemma2ForCausalLM / LlamaForCausalLM: <c>model</c> (embeddings, layers, final norm) and <c>lm_head</c> (absent
/// when tied). Build from a config with <see cref="Create"/> (random) or load a snapshot with
/// <see cref="ModelLoader.Load"/>.
/// </summary>
public sealed class CausalLM : nn.Module, ICausalLM
{
    // B = batch, T = new tokens, S = cached + new tokens, D = hidden, V = vocab
    private readonly DecoderStack model;
    private readonly LinearNoBias? lm_head;
    private readonly RotaryEmbedding _rope;

    public ModelConfig Config { get; }
    public ScalarType DType { get; }
    public Device Device { get; }
    public HookRegistry Hooks { get; }

    internal CausalLM(ModelConfig cfg, WeightInit init) : base(nameof(CausalLM))
    {
        cfg.Validate("model config");
        Config = cfg; DType = init.DType; Device = init.Device;
        model = new DecoderStack(cfg, init);
        lm_head = cfg.TieWordEmbeddings ? null : new LinearNoBias(cfg.HiddenSize, cfg.VocabSize, init);
        _rope = new RotaryEmbedding(cfg, init.Device);
        Hooks = new HookRegistry(Enumerable.Range(0, cfg.NumHiddenLayers).Select(HookName.ResidPost));
        RegisterComponents();
    }

    /// <summary>A randomly initialised model (N(0, initializer_range) weights, identity norms), trainable.</summary>
    public static CausalLM Create(ModelConfig cfg, ScalarType dtype, Device device, long seed) =>
        new(cfg, WeightInit.Random(dtype, device, cfg.InitializerRange, seed));

    public Tensor Forward(Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null, Tensor? positionIds = null,
        bool lastPositionOnly = false)
    {
        using var scope = torch.NewDisposeScope();
        var h = Run(inputIds, attentionMask, cache, Config.NumHiddenLayers - 1, positionIds);
        if (lastPositionOnly) h = h[.., ^1.., ..];                                        // (B, 1, D): skip the V-wide unembedding elsewhere
        return Unembed(h).MoveToOuterDisposeScope();
    }

    public Tensor RunToLayer(Tensor inputIds, Tensor? attentionMask, int layer)
    {
        if (layer < 0 || layer >= Config.NumHiddenLayers)
            throw new ArgumentOutOfRangeException(nameof(layer), $"layer {layer} is not in 0..{Config.NumHiddenLayers - 1}.");
        using var scope = torch.NewDisposeScope();
        return Run(inputIds, attentionMask, null, layer).MoveToOuterDisposeScope();
    }

    public Tensor Unembed(Tensor residPost)
    {
        using var scope = torch.NewDisposeScope();
        var h = model.Norm.Forward(residPost);                                          // (B, T, D)
        var logits = nn.functional.linear(h, lm_head?.Weight ?? model.Embed.Weight);    // (B, T, V)
        if (Config.FinalLogitSoftcapping is { } cap) logits = logits.SoftCapped(cap);
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>The final norm alone (HF's last hidden_states entry is this, not resid_post).</summary>
    public Tensor FinalNorm(Tensor residPost) => model.Norm.Forward(residPost);

    public KvCache NewCache() => new(Config.NumHiddenLayers);

    public IEnumerable<Parameter> Parameters() => parameters();

    /// <summary>Checkpoint name → parameter, in the checkpoint's naming (model.layers.0.self_attn.q_proj.weight, …).</summary>
    public IEnumerable<(string Name, Parameter Param)> CheckpointParameters() => named_parameters();

    private Tensor Run(Tensor inputIds, Tensor? attentionMask, KvCache? cache, int lastLayer, Tensor? positionIds = null)
    {
        var past = cache?.Length ?? 0;
        var (b, t) = CheckInputs(inputIds, attentionMask, past);
        var ids = inputIds.to(Device);
        var mask = attentionMask?.to(ScalarType.Int64, Device) ?? torch.ones(b, past + t, ScalarType.Int64, Device);
        // HF generate: position_ids = cumsum(mask) - 1 with pads set to 1; only the new tokens' columns are used
        var positions = positionIds?.to(ScalarType.Int64, Device)
            ?? (mask.cumsum(-1) - 1).masked_fill(mask == 0, 1).narrow(1, past, t);             // (B, T)
        var (cos, sin) = _rope.CosSin(positions, DType);                                      // (B, 1, T, E)
        var full = AttentionMask.Build(mask, t, DType, null);                                 // (B, 1, T, S)
        var sliding = Config.SlidingWindow is { } w ? AttentionMask.Build(mask, t, DType, w) : null;
        var ctx = new LayerContext(cos, sin, full, sliding, cache);

        var h = model.Embed.Forward(ids);                                                     // (B, T, D)
        if (Config.Architecture == ModelArchitecture.Gemma2)
            h = h * torch.tensor(Math.Sqrt(Config.HiddenSize), DType, Device);               // normalizer rounded to dtype, as HF
        for (var i = 0; i <= lastLayer; i++)
        {
            h = model.Layer(i).Forward(h, ctx);
            h = Hooks.Run(HookName.ResidPost(i), h);
        }
        return h;
    }

    private (long B, long T) CheckInputs(Tensor ids, Tensor? mask, long past)
    {
        if (ids.dim() != 2 || ids.dtype != ScalarType.Int64)
            throw new ArgumentException($"input_ids must be int64 (B, T), got {ids.dtype}[{string.Join(",", ids.shape)}].");
        long b = ids.shape[0], t = ids.shape[1];
        if (t == 0) throw new ArgumentException("input_ids has no tokens.");
        if (mask is not null && (mask.dim() != 2 || mask.shape[0] != b || mask.shape[1] != past + t))
            throw new ArgumentException($"attention_mask must be ({b}, {past + t}) (cached {past} + new {t}), got [{string.Join(",", mask.shape)}].");
        using (torch.no_grad())
        {
            var min = ids.min().item<long>();
            var max = ids.max().item<long>();
            if (min < 0 || max >= Config.VocabSize)
                throw new ArgumentException($"input_ids must lie in 0..{Config.VocabSize - 1}, got {min}..{max}.");
        }
        return (b, t);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _rope.Dispose();
        base.Dispose(disposing);
    }
}
