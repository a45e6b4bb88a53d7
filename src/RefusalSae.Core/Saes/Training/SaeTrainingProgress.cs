namespace RefusalSae.Core.Saes.Training;

/// <summary>One progress report: normalised MSE loss of the last step, throughput and the time left.</summary>
public sealed record SaeTrainingProgress(int Step, int TotalSteps, double Loss, double AuxLoss, double StepsPerSecond, TimeSpan Eta, double DeadFraction)
{
    public override string ToString() =>
        $"step {Step}/{TotalSteps} loss {Loss:F4} aux {AuxLoss:F4} dead {DeadFraction:P1} {StepsPerSecond:F1} steps/s ETA {Eta:mm\\:ss}";
}
