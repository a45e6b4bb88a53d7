using System.Text.Encodings.Web;
using System.Text.Json;
using RefusalSae.Core.Tokenization.HuggingFace;
using RefusalSae.Core.Tokenization.MlNet;

namespace RefusalSae.Core.Tokenization.Training;

/// <summary>
/// A trained byte-level BPE: special tokens, then the 256 byte symbols, then one id per new merged spelling. Saved as a Hugging
/// Face tokenizer.json (Split by the Llama-3 pattern + ByteLevel, BPE, a BOS-adding post-processor, ByteLevel
/// decoder), which <see cref="HfTokenizerJson"/> — and Hugging Face itself — reads back.
/// </summary>
public sealed class TrainedBpe
{
    public TrainedBpe(IReadOnlyList<string> specialTokens, IReadOnlyList<string> tokens, IReadOnlyList<(int Left, int Right)> merges) =>
        (SpecialTokens, Tokens, Merges) = (specialTokens, tokens, merges);

    public IReadOnlyList<string> SpecialTokens { get; }
    public IReadOnlyList<(int Left, int Right)> Merges { get; }

    /// <summary>Token spelling by id (byte-level characters for the non-special ones).</summary>
    public IReadOnlyList<string> Tokens { get; }

    public void Save(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = path + ".tmp";
        using (var stream = File.Create(tmp))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(w);
        File.Move(tmp, path, overwrite: true);
    }

    private void Write(Utf8JsonWriter w)
    {
        var specials = SpecialTokens.Count;
        w.WriteStartObject();
        w.WriteString("version", "1.0");
        w.WriteNull("truncation");
        w.WriteNull("padding");
        w.WriteStartArray("added_tokens");
        for (var i = 0; i < specials; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("id", i);
            w.WriteString("content", SpecialTokens[i]);
            foreach (var flag in new[] { "single_word", "lstrip", "rstrip", "normalized" }) w.WriteBoolean(flag, false);
            w.WriteBoolean("special", true);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNull("normalizer");
        WritePreTokenizer(w);
        WritePostProcessor(w);
        w.WriteStartObject("decoder");
        w.WriteString("type", "ByteLevel");
        w.WriteBoolean("add_prefix_space", false);
        w.WriteBoolean("trim_offsets", true);
        w.WriteBoolean("use_regex", true);
        w.WriteEndObject();
        WriteModel(w, specials);
        w.WriteEndObject();
    }

    private static void WritePreTokenizer(Utf8JsonWriter w)
    {
        w.WriteStartObject("pre_tokenizer");
        w.WriteString("type", "Sequence");
        w.WriteStartArray("pretokenizers");
        w.WriteStartObject();
        w.WriteString("type", "Split");
        w.WriteStartObject("pattern");
        w.WriteString("Regex", Llama3Tiktoken.Pattern);
        w.WriteEndObject();
        w.WriteString("behavior", "Isolated");
        w.WriteBoolean("invert", false);
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("type", "ByteLevel");
        w.WriteBoolean("add_prefix_space", false);
        w.WriteBoolean("trim_offsets", true);
        w.WriteBoolean("use_regex", false);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>add_special_tokens prepends &lt;bos&gt; when the vocabulary has one (as Gemma's does).</summary>
    private void WritePostProcessor(Utf8JsonWriter w)
    {
        var bos = SpecialTokens.ToList().IndexOf("<bos>");
        if (bos < 0) { w.WriteNull("post_processor"); return; }
        w.WriteStartObject("post_processor");
        w.WriteString("type", "TemplateProcessing");
        w.WriteStartArray("single");
        WriteTemplatePiece(w, "SpecialToken", "<bos>");
        WriteTemplatePiece(w, "Sequence", "A");
        w.WriteEndArray();
        w.WriteStartArray("pair");
        WriteTemplatePiece(w, "SpecialToken", "<bos>");
        WriteTemplatePiece(w, "Sequence", "A");
        WriteTemplatePiece(w, "SpecialToken", "<bos>");
        WriteTemplatePiece(w, "Sequence", "B");
        w.WriteEndArray();
        w.WriteStartObject("special_tokens");
        w.WriteStartObject("<bos>");
        w.WriteString("id", "<bos>");
        w.WriteStartArray("ids");
        w.WriteNumberValue(bos);
        w.WriteEndArray();
        w.WriteStartArray("tokens");
        w.WriteStringValue("<bos>");
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteTemplatePiece(Utf8JsonWriter w, string kind, string id)
    {
        w.WriteStartObject();
        w.WriteStartObject(kind);
        w.WriteString("id", id);
        w.WriteNumber("type_id", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void WriteModel(Utf8JsonWriter w, int specials)
    {
        w.WriteStartObject("model");
        w.WriteString("type", "BPE");
        w.WriteNull("dropout");
        w.WriteNull("unk_token");
        w.WriteNull("continuing_subword_prefix");
        w.WriteNull("end_of_word_suffix");
        w.WriteBoolean("fuse_unk", false);
        w.WriteBoolean("byte_fallback", false);
        w.WriteBoolean("ignore_merges", false);
        w.WriteStartObject("vocab");
        for (var id = specials; id < Tokens.Count; id++) w.WriteNumber(Tokens[id], id);
        w.WriteEndObject();
        w.WriteStartArray("merges");
        foreach (var (l, r) in Merges) w.WriteStringValue($"{Tokens[l]} {Tokens[r]}");
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
