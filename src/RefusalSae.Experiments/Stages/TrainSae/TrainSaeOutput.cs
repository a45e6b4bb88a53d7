namespace RefusalSae.Experiments.Stages.TrainSae;

/// <summary>
/// train-sae's output contract: saes/layer_{L} holds layer L's SAE in the layout toy.sae.layout names (SAELens,
/// Gemma Scope or Llama Scope), read back by the same loader as the released SAEs (paper.subject.sae_stage).
/// </summary>
public static class TrainSaeOutput
{
    public static string SaeFolder(string stageDir, int layer) =>
        Path.Combine(stageDir, "saes", $"layer_{layer.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
}
