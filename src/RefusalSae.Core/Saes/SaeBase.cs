using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace RefusalSae.Core.Saes;

/// <summary>
/// Shared encoder/decoder of every SAE architecture: pre = (x − b_dec·[apply_b_dec_to_input]) W_enc + b_enc,
/// x̂ = f W_dec + b_dec. Subclasses supply only the activation. Owns its tensors.
/// </summary>
// D = d_model, S = d_sae, K = selected features
public abstract partial class SaeBase : ISae
{
    // Field names are the SAELens / Gemma Scope keys.
    protected readonly Tensor W_enc;    // [D, S]
    protected readonly Tensor b_enc;    // [S]
    protected readonly Tensor b_dec;    // [D]
    private readonly Tensor _W_dec;     // [S, D]

    protected SaeBase(Tensor W_enc, Tensor b_enc, Tensor W_dec, Tensor b_dec, string hookName, bool applyBDecToInput)
    {
        var d = W_enc.shape.Length == 2 ? W_enc.shape[0] : -1;
        var s = W_enc.shape.Length == 2 ? W_enc.shape[1] : -1;
        Check(W_enc, "W_enc", d, s);
        Check(b_enc, "b_enc", s);
        Check(W_dec, "W_dec", s, d);
        Check(b_dec, "b_dec", d);
        this.W_enc = W_enc; this.b_enc = b_enc; _W_dec = W_dec; this.b_dec = b_dec;
        HookName = hookName;
        ApplyBDecToInput = applyBDecToInput;
        var m = LayerRegex().Match(hookName);
        Layer = m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    public abstract string Architecture { get; }
    public string HookName { get; }
    public int Layer { get; }
    public bool ApplyBDecToInput { get; }
    public long DModel => W_enc.shape[0];
    public long DSae => W_enc.shape[1];
    public Tensor W_dec => _W_dec;
    public ScalarType DType => W_enc.dtype;

    /// <summary>The weights under their SAELens names, for saving.</summary>
    public virtual IReadOnlyDictionary<string, Tensor> Weights => new Dictionary<string, Tensor>
    {
        ["W_enc"] = W_enc, ["b_enc"] = b_enc, ["W_dec"] = _W_dec, ["b_dec"] = b_dec,
    };

    public Tensor PreActivations(Tensor x)                                  // x: [.., D]
    {
        CheckInput(x);
        using var scope = NewDisposeScope();
        var xs = x.to(W_enc.dtype, W_enc.device);
        if (ApplyBDecToInput) xs = xs - b_dec;
        return (xs.matmul(W_enc) + b_enc).MoveToOuterDisposeScope();       // [.., S]
    }

    public Tensor Encode(Tensor x)
    {
        using var scope = NewDisposeScope();
        return Activate(PreActivations(x)).MoveToOuterDisposeScope();       // [.., S]
    }

    public Tensor Decode(Tensor f)                                          // f: [.., S]
    {
        if (f.shape.Length == 0 || f.shape[^1] != DSae)
            throw new ArgumentException($"{HookName}: decode expects [.., {DSae}], got [{string.Join(",", f.shape)}].");
        using var scope = NewDisposeScope();
        return (f.to(_W_dec.dtype, _W_dec.device).matmul(_W_dec) + b_dec).MoveToOuterDisposeScope();   // [.., D]
    }

    public Tensor Error(Tensor x)
    {
        using var scope = NewDisposeScope();
        return (x.to(W_enc.dtype, W_enc.device) - Decode(Encode(x))).MoveToOuterDisposeScope();        // [.., D]
    }

    public virtual Tensor EncodeSelected(Tensor x, long[] ids)
    {
        CheckInput(x);
        CheckIds(ids);
        using var scope = NewDisposeScope();
        var idx = tensor(ids, device: W_enc.device);
        var xs = x.to(W_enc.dtype, W_enc.device);
        if (ApplyBDecToInput) xs = xs - b_dec;
        var pre = xs.matmul(W_enc.index_select(1, idx)) + b_enc.index_select(0, idx);   // [.., K]
        return ActivateSelected(pre, idx).MoveToOuterDisposeScope();
    }

    public abstract ISae To(Device device, ScalarType dtype);

    /// <summary>The activation function on pre-activations [.., S].</summary>
    protected abstract Tensor Activate(Tensor pre);

    /// <summary>The activation on a subset of pre-activations [.., K] (features <paramref name="idx"/>).</summary>
    protected abstract Tensor ActivateSelected(Tensor pre, Tensor idx);

    protected Tensor[] Converted(Device device, ScalarType dtype, params Tensor[] extra) =>
        [.. new[] { W_enc, b_enc, _W_dec, b_dec }.Concat(extra).Select(t => t.to(dtype, device).detach().clone())];

    protected void CheckIds(long[] ids)
    {
        foreach (var i in ids)
            if (i < 0 || i >= DSae) throw new ArgumentOutOfRangeException(nameof(ids), $"{HookName}: feature id {i} is outside [0, {DSae}).");
    }

    private void CheckInput(Tensor x)
    {
        // matmul aborts the process on a shape mismatch (platform.md §0.2), so check first.
        if (x.shape.Length == 0 || x.shape[^1] != DModel)
            throw new ArgumentException($"{HookName}: SAE input must be [.., {DModel}], got [{string.Join(",", x.shape)}].");
    }

    protected static void Check(Tensor t, string name, params long[] shape)
    {
        if (!t.shape.SequenceEqual(shape) || shape.Any(d => d < 0))
            throw new ArgumentException($"SAE tensor '{name}' has shape [{string.Join(",", t.shape)}], expected [{string.Join(",", shape)}].");
    }

    public virtual void Dispose()
    {
        W_enc.Dispose(); b_enc.Dispose(); _W_dec.Dispose(); b_dec.Dispose();
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex(@"blocks\.(\d+)\.")]
    private static partial Regex LayerRegex();
}
