namespace RefusalSae.Core.Generation;

/// <summary>
/// How <see cref="TextGenerator"/> continues a batch. Greedy unless <see cref="Sampling"/> is set. A row that emits
/// one of <see cref="StopIds"/> keeps that token and is then filled with <see cref="PadId"/>.
/// </summary>
public sealed record GenerationOptions
{
    public required int MaxNewTokens { get; init; }
    public IReadOnlyList<long> StopIds { get; init; } = [];
    public required long PadId { get; init; }
    public SamplingOptions? Sampling { get; init; }

    /// <summary>false recomputes the whole sequence every step (the reference the KV cache is tested against).</summary>
    public bool UseKvCache { get; init; } = true;
}

/// <summary>Seeded sampling: softmax(logits / Temperature), restricted to the TopK most likely tokens when set.</summary>
public sealed record SamplingOptions(double Temperature, long Seed, int? TopK = null);
