using static TorchSharp.torch;

namespace RefusalSae.Core.Saes;

/// <summary>
/// One term of a feature edit (<see cref="SaeInterventions.Edit"/>): the features <see cref="Ids"/> and their change
/// Δf as a function of their current values f [.., K] (scale: (c − 1) f; set: val − f; retain: f_clean − f; a
/// positional clamp masks Δf by position).
/// </summary>
public sealed record FeatureEdit(long[] Ids, Func<Tensor, Tensor> Delta);
