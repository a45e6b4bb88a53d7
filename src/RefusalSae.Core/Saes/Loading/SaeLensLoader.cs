using RefusalSae.Core.IO;
using static TorchSharp.torch;

namespace RefusalSae.Core.Saes.Loading;

/// <summary>
/// SAELens folder: cfg.json + sae_weights.safetensors (W_enc [D,S], W_dec [S,D], b_enc, b_dec, threshold for jumprelu;
/// jbloomAus/SAELens sae.py). TopK is architecture "topk" with "k" (SAELens 6) or activation_fn_str "topk" with
/// activation_fn_kwargs.k (SAELens 5). Activation normalisation must be expressible in the weights: "none" and
/// "expected_average_only_in" (an identity at inference in SAELens: the factor is folded at the end of training) are
/// accepted; per-token schemes would make the decoder non-affine and are rejected.
/// </summary>
internal static class SaeLensLoader
{
    public const string CfgFile = "cfg.json";
    public const string WeightsFile = "sae_weights.safetensors";

    public static ISae Load(string path)
    {
        var dir = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var cfg = JsonFields.Parse(Path.Combine(dir, CfgFile));
        var d = cfg.Long("d_in");
        var s = cfg.Long("d_sae");
        var hook = cfg.String("hook_name");
        var norm = cfg.StringOr("normalize_activations", "none");
        if (norm is not ("none" or "expected_average_only_in"))
            throw new InvalidDataException($"{cfg.File}: key 'normalize_activations' is '{norm}'; only 'none' and 'expected_average_only_in' are supported (per-token normalisation is not affine).");
        var architecture = Architecture(cfg);
        var applyBDec = cfg.Bool("apply_b_dec_to_input", false);

        var file = Path.Combine(dir, WeightsFile);
        using var st = SafeTensorsFile.Open(file);
        var owned = new List<Tensor>();
        Tensor Read(string key, params long[] shape)
        {
            var t = WeightCheck.Expect(file, key, st.Read(key, ScalarType.Float32), shape);
            owned.Add(t);
            return t;
        }
        try
        {
            var W_enc = Read("W_enc", d, s);
            var b_enc = Read("b_enc", s);
            var W_dec = Read("W_dec", s, d);
            var b_dec = Read("b_dec", d);
            if (cfg.Bool("finetuning_scaling_factor", false))
            {
                // SAELens decodes (f ⊙ finetuning_scaling_factor) W_dec; folding it into the rows of W_dec keeps f unchanged.
                var fsf = Read("finetuning_scaling_factor", s);
                W_dec = W_dec * fsf.unsqueeze(1);
                owned.Add(W_dec);
            }
            ISae sae = architecture switch
            {
                "jumprelu" => new JumpReluSae(W_enc, b_enc, W_dec, b_dec, Read("threshold", s), hook, applyBDec),
                "standard" => new ReluSae(W_enc, b_enc, W_dec, b_dec, hook, applyBDec),
                "topk" => new TopKSae(W_enc, b_enc, W_dec, b_dec, TopK(cfg), hook, applyBDec),
                _ => throw new InvalidDataException($"{cfg.File}: key 'architecture' is '{architecture}'; supported: jumprelu, standard, topk."),
            };
            foreach (var t in owned.Except(Kept(sae))) t.Dispose();
            return sae;
        }
        catch
        {
            foreach (var t in owned) t.Dispose();
            throw;
        }
    }

    private static IEnumerable<Tensor> Kept(ISae sae) => sae is SaeBase b ? b.Weights.Values : [];

    private static string Architecture(JsonFields cfg)
    {
        var a = cfg.StringOr("architecture", "standard")!;
        var fn = cfg.StringOr("activation_fn_str", null);
        return a == "standard" && fn == "topk" ? "topk" : a;
    }

    private static int TopK(JsonFields cfg)
    {
        if (cfg.Has("k")) return checked((int)cfg.Long("k"));
        if (cfg.Has("activation_fn_kwargs") && cfg.Get("activation_fn_kwargs").TryGetProperty("k", out var k) && k.TryGetInt32(out var v))
            return v;
        throw new InvalidDataException($"{cfg.File}: a topk SAE needs key 'k' (or 'activation_fn_kwargs.k').");
    }
}
