using System.Text.RegularExpressions;
using RefusalSae.Core.Tokenization.HuggingFace;
using RefusalSae.Core.Tokenization.MlNet;

namespace RefusalSae.Core.Tokenization;

/// <summary>
/// Loads whatever tokenizer a model snapshot ships. A folder: tokenizer.json (preferred; every HF snapshot has it),
/// else tokenizer.model, else original/tokenizer.model. A file: *.json is a Hugging Face tokenizer.json; otherwise
/// "base64 rank" text lines are a Llama-3 tiktoken file, anything else a SentencePiece model.
/// </summary>
public static partial class TokenizerLoader
{
    public static ITextTokenizer Load(string path)
    {
        if (Directory.Exists(path))
        {
            foreach (var name in new[] { "tokenizer.json", "tokenizer.model", Path.Combine("original", "tokenizer.model") })
                if (File.Exists(Path.Combine(path, name))) return Load(Path.Combine(path, name));
            throw new FileNotFoundException($"{path}: no tokenizer.json, tokenizer.model or original/tokenizer.model in this folder.");
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"tokenizer not found: {path}", path);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return HfTokenizerJson.Load(path);
        return LooksLikeTiktoken(path) ? Llama3Tiktoken.Load(path) : SentencePieceModel.Load(path);
    }

    private static bool LooksLikeTiktoken(string path)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.Latin1);
        var buffer = new char[256];
        var n = reader.Read(buffer, 0, buffer.Length);
        var firstLine = new string(buffer, 0, n).Split('\n')[0].TrimEnd('\r');
        return TiktokenLine().IsMatch(firstLine);
    }

    [GeneratedRegex(@"^[A-Za-z0-9+/]+={0,2} \d+$")]
    private static partial Regex TiktokenLine();
}
