using static TorchSharp.torch;

namespace RefusalSae.Core.Saes;

/// <summary>
/// Feature clamping at a hook (paper-method §5.1, clamp_sae): f = enc(h), r = h − dec(f), f'[F] = c·f[F] (multiply) or
/// val (set), return dec(f') + r. Because the decoder is affine this equals h + Σ_{i∈F} (f'_i − f_i) W_dec[i] exactly,
/// which is what these helpers compute: unselected features and the error term are kept by construction, only the
/// selected encoder columns are evaluated (where the activation allows), and the result has h's dtype.
/// </summary>
// N.. = any leading dims, D = d_model, K = number of selected features
public static class SaeInterventions
{
    /// <summary>f[F] ← c·f[F] (paper: multiply=True; c = −3 etc. flips and amplifies).</summary>
    public static Tensor ScaleFeatures(ISae sae, Tensor h, long[] ids, double c)
    {
        if (ids.Length == 0) return h.alias();
        using var scope = NewDisposeScope();
        var f = sae.EncodeSelected(h, ids);                                 // [.., K]
        return Apply(sae, h, ids, f * (c - 1.0)).MoveToOuterDisposeScope();
    }

    /// <summary>f[F] ← val (paper: multiply=False, refusal induction).</summary>
    public static Tensor SetFeatures(ISae sae, Tensor h, long[] ids, double value)
    {
        if (ids.Length == 0) return h.alias();
        using var scope = NewDisposeScope();
        var f = sae.EncodeSelected(h, ids);                                 // [.., K]
        return Apply(sae, h, ids, value - f).MoveToOuterDisposeScope();
    }

    /// <summary>Per-prompt feature lists (paper ind=True): row b of h [B, .., D] gets f[ids[b]] ← c·f[ids[b]].</summary>
    public static Tensor ScaleFeaturesPerRow(ISae sae, Tensor h, IReadOnlyList<long[]> idsPerRow, double c)
    {
        if (h.shape.Length < 2 || h.shape[0] != idsPerRow.Count)
            throw new ArgumentException($"{sae.HookName}: {idsPerRow.Count} feature lists for a batch of shape [{string.Join(",", h.shape)}].");
        using var scope = NewDisposeScope();
        var rows = idsPerRow.Select((ids, b) => ScaleFeatures(sae, h.narrow(0, b, 1), ids, c)).ToList();   // B × [1, .., D]
        return cat(rows, 0).MoveToOuterDisposeScope();                     // [B, .., D]
    }

    /// <summary>
    /// The paper's literal path, dec(f') + (h − dec(f)) with the full feature vector; the reference the closed forms
    /// are tested against, and the form to use when f' is edited in ways the helpers above do not cover.
    /// </summary>
    public static Tensor ReplaceFeatures(ISae sae, Tensor h, Func<Tensor, Tensor> edit)
    {
        using var scope = NewDisposeScope();
        var f = sae.Encode(h);                                              // [.., S]
        var error = h.to_type(f.dtype) - sae.Decode(f);                     // [.., D]
        var edited = edit(f.clone());                                       // [.., S]
        return (sae.Decode(edited) + error).to_type(h.dtype).MoveToOuterDisposeScope();
    }

    private static Tensor Apply(ISae sae, Tensor h, long[] ids, Tensor delta)   // delta: [.., K]
    {
        var rows = sae.W_dec.index_select(0, tensor(ids, device: sae.W_dec.device));   // [K, D]
        return (h.to_type(delta.dtype) + delta.matmul(rows)).to_type(h.dtype);         // [.., D]
    }
}
