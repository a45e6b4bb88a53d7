namespace RefusalSae.Core.Models;

/// <summary>
/// Llama-3 RoPE frequency scaling (transformers modeling_rope_utils._compute_llama3_parameters), from config.json's
/// "rope_scaling" with rope_type "llama3".
/// </summary>
public sealed record RopeScaling(double Factor, double LowFreqFactor, double HighFreqFactor, int OriginalMaxPositionEmbeddings);
