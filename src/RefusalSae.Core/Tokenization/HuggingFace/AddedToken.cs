namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>One entry of tokenizer.json's "added_tokens": matched atomically in raw text before the model runs.</summary>
internal sealed record AddedToken(int Id, string Content, bool Special, bool LStrip, bool RStrip);
