using static TorchSharp.torch;

namespace RefusalSae.Core.Saes;

/// <summary>
/// Feature clamping at a hook (paper-method §5.1, clamp_sae): f = enc(h), r = h − dec(f), f'[F] = c·f[F] (multiply) or
/// val (set), return dec(f') + r. Because the decoder is affine this equals h + Σ_{i∈F} (f'_i − f_i) W_dec[i] exactly,
/// which is what these helpers compute: unselected features and the error term are kept by construction, only the
/// selected encoder columns are evaluated (where the activation allows), and the result has h's dtype.
/// <see cref="Edit"/> is the one primitive; every intervention of the paper's method (scale, set, retain at clean
/// values, clamp from a position on) is a list of <see cref="FeatureEdit"/> terms over it.
/// </summary>
public static class SaeInterventions
{
    /// <summary>f[F] ← c·f[F] (paper: multiply=True; c = −3 etc. flips and amplifies).</summary>
    public static Tensor ScaleFeatures(ISae sae, Tensor h, long[] ids, double c)
    {
        if (ids.Length == 0) return h.alias();
        return Apply(sae, h, ids, f => f * (c - 1.0));                      // Δf = (c − 1) f  [.., K]
    }

    /// <summary>f[F] ← val (paper: multiply=False, refusal induction).</summary>
    public static Tensor SetFeatures(ISae sae, Tensor h, long[] ids, double value)
    {
        if (ids.Length == 0) return h.alias();
        return Apply(sae, h, ids, f => value - f);                          // Δf = val − f  [.., K]
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

    /// <summary>
    /// h + Σ_terms Δf_term · W_dec[ids_term], each term's Δf computed from f = enc(h)[ids_term] (always the incoming h,
    /// so terms never see each other's edits), summed in order in <paramref name="compute"/> (null: the dtype of the
    /// first term's f, i.e. the SAE's), returned in h's dtype.
    /// </summary>
    public static Tensor Edit(ISae sae, Tensor h, IReadOnlyList<FeatureEdit> terms, ScalarType? compute = null)
    {
        if (terms.Count == 0) return h.alias();
        using var scope = NewDisposeScope();
        Tensor? output = null;
        foreach (var term in terms)
        {
            var f = sae.EncodeSelected(h, term.Ids);                                                // [.., K]
            var dtype = compute ?? f.dtype;
            output ??= h.to_type(dtype);                                                            // [.., D]
            var rows = sae.W_dec.index_select(0, tensor(term.Ids, device: sae.W_dec.device)).to_type(dtype);   // [K, D]
            output = output + term.Delta(f.to_type(dtype)).matmul(rows);                           // [.., D]
        }
        return output!.to_type(h.dtype).MoveToOuterDisposeScope();
    }

    private static Tensor Apply(ISae sae, Tensor h, long[] ids, Func<Tensor, Tensor> delta) =>
        Edit(sae, h, [new FeatureEdit(ids, delta)]);
}
