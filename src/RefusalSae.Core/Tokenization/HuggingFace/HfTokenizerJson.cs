using System.Text.Json;

namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>
/// Loads a Hugging Face tokenizer.json (BPE models: Gemma-2, Llama-2/3 as converted by transformers, our toy model).
/// Microsoft.ML.Tokenizers has no reader for this format. BOS/EOS/PAD come from tokenizer_config.json beside it when
/// present, otherwise from the usual token spellings.
/// </summary>
public static class HfTokenizerJson
{
    public static HfTokenizer Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        var root = new JsonConfig(path, "$", doc.RootElement);
        var model = root.Child("model");
        var type = model.OptionalString("type") ?? (model.Has("merges") ? "BPE" : "?");
        if (type != "BPE") throw new NotSupportedException($"{path}: model.type '{type}' is not supported; only BPE tokenizer.json files are.");

        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in model.Child("vocab").Element.EnumerateObject()) vocab[p.Name] = p.Value.GetInt32();
        var merges = ParseMerges(model, vocab);
        var added = root.Has("added_tokens")
            ? root.Items("added_tokens").Select(a => new AddedToken(a.Int("id", -1), a.String("content"),
                a.Bool("special", false), a.Bool("lstrip", false), a.Bool("rstrip", false))).ToList()
            : [];
        var unkToken = model.OptionalString("unk_token");
        int? unkId = unkToken is null ? null : vocab.TryGetValue(unkToken, out var u) ? u : added.FirstOrDefault(a => a.Content == unkToken)?.Id;
        var bpe = new BpeModel(vocab, merges, unkId, model.Bool("byte_fallback", false), model.Bool("fuse_unk", false),
            model.Bool("ignore_merges", false));

        JsonConfig? Optional(string key) => root.Has(key) ? root.Child(key) : null;
        int? Lookup(string t) => added.FirstOrDefault(a => a.Content == t)?.Id ?? (vocab.TryGetValue(t, out var id) ? id : null);
        var specials = SpecialsFromConfig(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "tokenizer_config.json"), Lookup);
        return new HfTokenizer($"{path} (tokenizer.json BPE, {vocab.Count} pieces, {merges.Count} merges, {added.Count} added tokens)",
            bpe, added, Normalizers.Build(Optional("normalizer")), PreTokenizers.Build(Optional("pre_tokenizer")),
            Decoders.Build(Optional("decoder")), PostProcessor.Build(Optional("post_processor")), specials);
    }

    private static Dictionary<long, (int Rank, int NewId)> ParseMerges(JsonConfig model, Dictionary<string, int> vocab)
    {
        var prefix = model.OptionalString("continuing_subword_prefix") ?? "";
        var merges = new Dictionary<long, (int, int)>(PairKeyComparer.Instance);
        var rank = 0;
        foreach (var m in model.Items("merges"))
        {
            string a, b;
            if (m.Element.ValueKind == JsonValueKind.Array) (a, b) = (m.Element[0].GetString()!, m.Element[1].GetString()!);
            else
            {
                var s = m.Element.GetString()!;
                var space = s.IndexOf(' ', 1);
                if (space < 0) throw m.Error($"merge '{s}' is not 'left right'");
                (a, b) = (s[..space], s[(space + 1)..]);
            }
            var merged = a + (prefix.Length > 0 && b.StartsWith(prefix, StringComparison.Ordinal) ? b[prefix.Length..] : b);
            if (!vocab.TryGetValue(a, out var left) || !vocab.TryGetValue(b, out var right) || !vocab.TryGetValue(merged, out var id))
                throw m.Error($"merge '{a}' + '{b}' refers to a token missing from model.vocab");
            merges.TryAdd(BpeModel.PairKey(left, right), (rank++, id));
        }
        return merges;
    }

    private static SpecialTokenIds SpecialsFromConfig(string configPath, Func<string, int?> lookup)
    {
        string? bos = null, eos = null, pad = null;
        if (File.Exists(configPath))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(configPath));
            string? Name(string key) => doc.RootElement.TryGetProperty(key, out var v)
                ? v.ValueKind == JsonValueKind.String ? v.GetString()
                : v.ValueKind == JsonValueKind.Object && v.TryGetProperty("content", out var c) ? c.GetString() : null
                : null;
            (bos, eos, pad) = (Name("bos_token"), Name("eos_token"), Name("pad_token"));
        }
        int? First(string? configured, params string[] usual) =>
            configured is not null ? lookup(configured) : usual.Select(lookup).FirstOrDefault(id => id is not null);
        return new SpecialTokenIds(
            First(bos, "<bos>", "<s>", "<|begin_of_text|>"),
            First(eos, "<eos>", "</s>", "<|end_of_text|>"),
            First(pad, "<pad>"));
    }
}
