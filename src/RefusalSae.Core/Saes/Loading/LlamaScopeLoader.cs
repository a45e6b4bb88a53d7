using RefusalSae.Core.IO;
using static TorchSharp.torch;

namespace RefusalSae.Core.Saes.Loading;

/// <summary>
/// Llama Scope folder (fnlp/Llama3_1-8B-Base-LXR-8x): hyperparams.json + checkpoints/final.safetensors with
/// encoder.weight [S,D], encoder.bias [S], decoder.weight [D,S], decoder.bias [D] (BF16 in the release; folded in f32).
/// The dataset-norm factor s = sqrt(d_model) / dataset_average_activation_norm.in is folded as SAELens does:
/// W_enc = encoder.weightᵀ·s, b_enc = encoder.bias, W_dec = decoder.weightᵀ/s, b_dec = decoder.bias/s (formats.md §4.4);
/// the threshold per <see cref="LlamaScopeThreshold"/>.
/// </summary>
internal static class LlamaScopeLoader
{
    public static ISae Load(string path, LlamaScopeThreshold convention)
    {
        var dir = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var hp = JsonFields.Parse(Path.Combine(dir, "hyperparams.json"));
        var d = hp.Long("d_model");
        var s = hp.Long("d_sae");
        var hook = hp.String("hook_point_in");
        var actFn = hp.String("act_fn");
        var (sIn, sOut) = NormFactors(hp, d);
        var file = Path.Combine(dir, "checkpoints", "final.safetensors");

        using var scope = NewDisposeScope();
        using var st = SafeTensorsFile.Open(file);
        var enc = WeightCheck.Expect(file, "encoder.weight", st.Read("encoder.weight", ScalarType.Float32), s, d);  // [S, D]
        var encBias = WeightCheck.Expect(file, "encoder.bias", st.Read("encoder.bias", ScalarType.Float32), s);     // [S]
        var dec = WeightCheck.Expect(file, "decoder.weight", st.Read("decoder.weight", ScalarType.Float32), d, s);  // [D, S]
        var decBias = hp.Bool("use_decoder_bias", true)
            ? WeightCheck.Expect(file, "decoder.bias", st.Read("decoder.bias", ScalarType.Float32), d)              // [D]
            : zeros(d);
        var applyBDec = hp.Bool("apply_decoder_bias_to_pre_encoder", false);

        var W_enc = enc.t() * sIn;                                          // [D, S]
        var b_enc = encBias;                                                // [S]
        var W_dec = dec.t() / sIn;                                          // [S, D]
        var b_dec = decBias / sIn;                                          // [D]
        ISae sae;
        switch (actFn)
        {
            case "jumprelu":
                var thr = hp.Double("jump_relu_threshold");
                Tensor threshold;
                if (convention == LlamaScopeThreshold.LmSaesNative)
                {
                    // lm_saes reports h = (x·encᵀ + b/s)·‖decoder col‖ (the dataset-norm factor cancels from the encoder
                    // weights, not from the bias) and keeps h where h > threshold; decoding divides the column norm back out,
                    // works in the standardised space (· s) and leaves it through the "out" factor.
                    var colNorm = dec.pow(2).sum(dim: 0L).sqrt();           // [S]
                    W_enc = enc.t() * colNorm;
                    b_enc = encBias * colNorm / sIn;
                    W_dec = dec.t() / colNorm.unsqueeze(1) * (sIn / sOut);
                    b_dec = decBias / sOut;
                    threshold = full(s, thr);
                }
                else
                {
                    threshold = full(s, convention == LlamaScopeThreshold.Corrected ? thr * sIn : thr);
                }
                sae = new JumpReluSae(W_enc.contiguous(), b_enc.contiguous(), W_dec.contiguous(), b_dec.contiguous(), threshold, hook, applyBDec);
                break;
            case "topk":
                sae = new TopKSae(W_enc.contiguous(), b_enc.contiguous(), W_dec.contiguous(), b_dec.contiguous(), checked((int)hp.Long("top_k")), hook, applyBDec);
                break;
            default:
                throw new InvalidDataException($"{hp.File}: key 'act_fn' is '{actFn}'; supported: jumprelu, topk.");
        }
        foreach (var t in ((SaeBase)sae).Weights.Values) t.MoveToOuterDisposeScope();
        return sae;
    }

    private static (double In, double Out) NormFactors(JsonFields hp, long d)
    {
        var kind = hp.StringOr("norm_activation", "dataset-wise");
        if (kind != "dataset-wise")
            throw new InvalidDataException($"{hp.File}: key 'norm_activation' is '{kind}'; only 'dataset-wise' (a constant factor) is supported.");
        var avg = hp.Get("dataset_average_activation_norm");
        double Factor(string which) => avg.TryGetProperty(which, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number && v.GetDouble() > 0
            ? Math.Sqrt(d) / v.GetDouble()
            : throw new InvalidDataException($"{hp.File}: key 'dataset_average_activation_norm.{which}' must be a positive number.");
        return (Factor("in"), Factor("out"));
    }
}
