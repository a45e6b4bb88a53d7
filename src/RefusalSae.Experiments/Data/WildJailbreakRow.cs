namespace RefusalSae.Experiments.Data;

/// <summary>
/// One WildJailbreak row. <paramref name="Adversarial"/> and <paramref name="Vanilla"/> are the pair the train file
/// provides (the eval file has the adversarial side only, so <paramref name="Vanilla"/> is null there); empty cells
/// are null. <paramref name="Label"/> is 1 for harmful, 0 for benign; <paramref name="Line"/> is where the row starts.
/// </summary>
public sealed record WildJailbreakRow(string Id, long Line, string? Adversarial, string? Vanilla, int Label, string DataType)
{
    public bool IsAdversarial => DataType.StartsWith("adversarial_", StringComparison.Ordinal);

    /// <summary>The prompt this row stands for: the adversarial text for adversarial_* rows, the vanilla one otherwise.</summary>
    public string? Text => IsAdversarial ? Adversarial : Vanilla;
}
