namespace RefusalSae.Core.Tokenization.Training;

/// <summary>
/// Byte-level BPE training settings. Special tokens take ids 0..k-1 in the given order, the 256 bytes the next
/// 256 ids, merges the rest up to <see cref="VocabSize"/>; merging stops early when no pair occurs MinFrequency times.
/// </summary>
public sealed record BpeTrainerOptions(int VocabSize, IReadOnlyList<string> SpecialTokens, int MinFrequency = 2)
{
    /// <summary>The toy chat model's specials, at Gemma's ids for the first three: pad 0, eos 1, bos 2, then the turn markers.</summary>
    public static readonly IReadOnlyList<string> ToyChatSpecials = ["<pad>", "<eos>", "<bos>", "<start_of_turn>", "<end_of_turn>"];

    /// <summary>The toy model's default: 4096 ids (5 specials + 256 bytes + 3835 merges).</summary>
    public static BpeTrainerOptions ToyChat(int vocabSize = 4096) => new(vocabSize, ToyChatSpecials);
}
