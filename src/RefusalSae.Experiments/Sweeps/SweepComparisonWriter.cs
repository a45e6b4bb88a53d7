using System.Text.Json.Nodes;
using RefusalSae.Engine;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Sweeps;
using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Sweeps;

/// <summary>
/// Writes artifacts/EXPERIMENT/sweep/: sweep.csv (every value), sweep.md (one pivot per metric), sweep_*.png|svg,
/// provenance.json (each point's overrides, status and stage keys) and index.html. Only reads the points' workspaces.
/// </summary>
public static class SweepComparisonWriter
{
    /// <summary>Writes the comparison; returns the page's path and the points that are not ok (id and why).</summary>
    public static (string Page, IReadOnlyList<string> NotOk) Write(string repoRoot, string artifacts, string experiment)
    {
        var inputs = SweepInputs.Read(repoRoot, artifacts, experiment);
        var dir = Path.Combine(artifacts, experiment, "sweep");
        Directory.CreateDirectory(dir);
        var failed = inputs.Points.Where(p => p.Status != "ok").Select(p => $"{p.Point.Id} ({p.Status})").ToList();
        var pivots = new List<Table>();
        IReadOnlyList<SweepFigures.Saved> figures = [];
        if (inputs.Spec.Compare is { } compare)
        {
            var rows = SweepComparison.Collect(compare, inputs.Points.Select(p => (p.Point, p.Document)));
            var full = SweepTables.Long(inputs.Spec, rows);
            AtomicFile.WriteAllText(Path.Combine(dir, "sweep.csv"), TableWriter.ToCsv(full.Validate()));
            pivots.AddRange(compare.Metrics.Select(m => SweepTables.Pivot(inputs.Spec, rows, m.Name, failed).Validate()));
            AtomicFile.WriteAllText(Path.Combine(dir, "sweep.md"), string.Join("\n", pivots.Select(TableWriter.ToMarkdown)));
            figures = SweepFigures.Save(dir, inputs.Spec, rows);
        }
        AtomicFile.WriteAllText(Path.Combine(dir, "provenance.json"), CanonicalJson.Serialize(Provenance(inputs), indented: true) + "\n");
        var page = Path.Combine(dir, "index.html");
        AtomicFile.WriteAllText(page, SweepPage.Render(inputs, pivots, figures));
        return (page, failed);
    }

    private static JsonObject Provenance(SweepInputs inputs)
    {
        var points = new JsonArray();
        foreach (var p in inputs.Points)
        {
            var overrides = new JsonObject();
            foreach (var (axis, value) in p.Point.Values) overrides[axis.Key] = value.DeepClone();
            var keys = new JsonObject();
            if (p.State?["stages"] is JsonObject stages)
                foreach (var (stage, s) in stages) keys[stage] = s?["key"]?.DeepClone();
            points.Add(new JsonObject { ["id"] = p.Point.Id, ["status"] = p.Status, ["overrides"] = overrides, ["stage_keys"] = keys });
        }
        return new JsonObject { ["experiment"] = inputs.Experiment, ["points"] = points };
    }
}
