namespace RefusalSae.Experiments.Toy.Training;

/// <summary>
/// One tokenised chat example: the whole rendered conversation and the index of the first token the loss is taken
/// on (the first response token). The prompt itself is context, never a target, as in ordinary chat fine-tuning.
/// <paramref name="Refusal"/> marks an answer that refuses, so a schedule can hold such examples back.
/// </summary>
public sealed record TrainingSequence(int[] Ids, int LossStart, bool Refusal = false)
{
    public TrainingSequence Validate(int index)
    {
        if (Ids.Length < 2 || LossStart < 1 || LossStart >= Ids.Length)
            throw new ArgumentException($"training sequence {index}: {Ids.Length} tokens with loss start {LossStart}; need 1 ≤ start < length.");
        return this;
    }
}
