using RefusalSae.Engine;
using RefusalSae.Experiments.Sweeps;
using RefusalSae.Worker.Cli;

namespace RefusalSae.Worker.Commands;

/// <summary>
/// `compare-sweep`: after a sweep's points were built, writes artifacts/EXPERIMENT/sweep/ (table, figures, provenance,
/// index.html) from the points' workspaces. Reads results only; computes nothing of the paper.
/// </summary>
public sealed class CompareSweepCommand : IWorkerCommand
{
    public string Name => "compare-sweep";
    public string Usage => "compare-sweep --repo DIR --artifacts DIR --experiment NAME";

    public int Run(ArgReader args)
    {
        var repo = args.Required("repo");
        var artifacts = args.Required("artifacts");
        var experiment = args.Required("experiment");
        args.EnsureAllUsed();
        try
        {
            var (page, notOk) = SweepComparisonWriter.Write(repo, artifacts, experiment);
            Console.WriteLine(notOk.Count == 0
                ? $"sweep '{experiment}': every point built; comparison: {page}"
                : $"sweep '{experiment}': {notOk.Count} point(s) not ok: {string.Join(", ", notOk)}; comparison of the others: {page}");
            return 0;
        }
        catch (WorkflowException e)
        {
            Console.Error.WriteLine($"{e.Location?.ToString() ?? "compare-sweep"}: error {e.Code}: {e.Message}");
            return 1;
        }
    }
}
