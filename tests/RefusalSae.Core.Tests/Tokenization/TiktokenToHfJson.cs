using System.Text.Encodings.Web;
using System.Text.Json;
using RefusalSae.Core.Tokenization.HuggingFace;
using RefusalSae.Core.Tokenization.MlNet;

namespace RefusalSae.Core.Tests.Tokenization;

/// <summary>
/// Builds the tokenizer.json a Llama-3.x snapshot ships from its tiktoken tokenizer.model, the way transformers'
/// TikTokenConverter does (vocab = byte-level spellings of the ranks; merges = every split of a token into two
/// vocabulary tokens, ordered by the merged token's rank, then the parts' ranks; ignore_merges). No Llama-3
/// tokenizer.json is in the fixtures, so this is how the tokenizer.json path is checked against the Llama-3 goldens.
/// </summary>
internal static class TiktokenToHfJson
{
    public static void Convert(string tiktokenPath, string outDir)
    {
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(tiktokenPath))
        {
            if (line.Length == 0) continue;
            var parts = line.Split(' ');
            var spelling = string.Concat(System.Convert.FromBase64String(parts[0]).Select(ByteLevelMap.Char));
            vocab[spelling] = int.Parse(parts[1]);
        }
        var merges = new List<(string L, string R, int Rank, int LRank, int RRank)>();
        foreach (var (token, rank) in vocab)
            for (var i = 1; i < token.Length; i++)
                if (vocab.TryGetValue(token[..i], out var l) && vocab.TryGetValue(token[i..], out var r))
                    merges.Add((token[..i], token[i..], rank, l, r));
        merges.Sort((a, b) => (a.Rank, a.LRank, a.RRank).CompareTo((b.Rank, b.LRank, b.RRank)));

        Directory.CreateDirectory(outDir);
        using (var stream = File.Create(Path.Combine(outDir, "tokenizer.json")))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartArray("added_tokens");
            foreach (var (name, id) in Llama3Tiktoken.SpecialTokens())
            {
                w.WriteStartObject();
                w.WriteNumber("id", id);
                w.WriteString("content", name);
                w.WriteBoolean("normalized", false);
                w.WriteBoolean("special", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNull("normalizer");
            w.WritePropertyName("pre_tokenizer");
            JsonDocument.Parse($$"""
                {"type": "Sequence", "pretokenizers": [
                  {"type": "Split", "pattern": {"Regex": {{JsonSerializer.Serialize(Llama3Tiktoken.Pattern)}}}, "behavior": "Isolated", "invert": false},
                  {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false}]}
                """).WriteTo(w);
            w.WritePropertyName("post_processor");
            JsonDocument.Parse("""
                {"type": "Sequence", "processors": [
                  {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true},
                  {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<|begin_of_text|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
                   "special_tokens": {"<|begin_of_text|>": {"id": "<|begin_of_text|>", "ids": [128000], "tokens": ["<|begin_of_text|>"]}}}]}
                """).WriteTo(w);
            w.WritePropertyName("decoder");
            JsonDocument.Parse("""{"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true}""").WriteTo(w);
            w.WriteStartObject("model");
            w.WriteString("type", "BPE");
            w.WriteBoolean("ignore_merges", true);
            w.WriteStartObject("vocab");
            foreach (var (token, id) in vocab.OrderBy(p => p.Value)) w.WriteNumber(token, id);
            w.WriteEndObject();
            w.WriteStartArray("merges");
            foreach (var m in merges) w.WriteStringValue($"{m.L} {m.R}");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        File.WriteAllText(Path.Combine(outDir, "tokenizer_config.json"),
            """{"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>", "tokenizer_class": "PreTrainedTokenizerFast"}""");
    }
}
