namespace RefusalSae.Core.Tokenization;

/// <summary>The BOS/EOS/PAD ids of a vocabulary; null where it has none.</summary>
public sealed record SpecialTokenIds(int? Bos, int? Eos, int? Pad);
