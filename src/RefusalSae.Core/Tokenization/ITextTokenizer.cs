namespace RefusalSae.Core.Tokenization;

/// <summary>
/// The one tokenizer interface every model uses (Gemma-2 tokenizer.json, Llama-3 tiktoken, Llama-2 SentencePiece,
/// the toy model's byte-level BPE). Ids are the model's vocabulary ids.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>What was loaded and how, for logs and error messages (e.g. "tokenizer.json BPE, 256000 ids").</summary>
    string Description { get; }

    /// <summary>Number of ids (largest id + 1), including added/special tokens.</summary>
    int VocabSize { get; }

    int? BosId { get; }
    int? EosId { get; }

    /// <summary>The id used for left padding; the EOS id when the vocabulary has no pad token (TransformerLens's rule).</summary>
    int PadId { get; }

    /// <summary>
    /// Encodes <paramref name="text"/>. Special-token strings in the text (e.g. "&lt;start_of_turn&gt;") are matched
    /// atomically. <paramref name="addSpecialTokens"/> adds what the tokenizer's own post-processing adds by default
    /// (a BOS for Gemma, Llama-2 and Llama-3), exactly as Hugging Face's add_special_tokens=True does.
    /// </summary>
    int[] Encode(string text, bool addSpecialTokens);

    /// <summary>Decodes ids back to text; special tokens are dropped when <paramref name="skipSpecialTokens"/>.</summary>
    string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false);

    /// <summary>The id of one token as spelled in the vocabulary (e.g. "&lt;bos&gt;", "▁the"), or null.</summary>
    int? TokenToId(string token);

    /// <summary>The vocabulary spelling of an id, or null when the id is unused or out of range.</summary>
    string? IdToToken(int id);
}
