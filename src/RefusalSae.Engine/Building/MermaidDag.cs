using System.Text;
using RefusalSae.Engine.Pipeline;

namespace RefusalSae.Engine.Building;

/// <summary>artifacts/&lt;experiment&gt;/dag.mmd: the experiment's stages and datasets as a Mermaid flowchart, coloured by status.</summary>
public static class MermaidDag
{
    public static string Render(IReadOnlyList<StageDeclaration> stages, IReadOnlyDictionary<string, IReadOnlyList<string>> datasets,
        IReadOnlyDictionary<string, string> statusByStage)
    {
        var sb = new StringBuilder("graph TD\n");
        foreach (var ds in datasets.Values.SelectMany(d => d).Distinct().Order(StringComparer.Ordinal))
            sb.Append($"  ds_{Id(ds)}[(\"{ds}\")]\n");
        foreach (var s in stages)
        {
            var status = statusByStage.GetValueOrDefault(s.Name, "planned");
            sb.Append($"  {Id(s.Name)}[\"{s.Name} v{s.Version}<br/>{status}\"]:::{status}\n");
            foreach (var u in s.Upstream) sb.Append($"  {Id(u)} --> {Id(s.Name)}\n");
            foreach (var d in datasets.GetValueOrDefault(s.Name, [])) sb.Append($"  ds_{Id(d)} --> {Id(s.Name)}\n");
        }
        sb.Append("  classDef ran fill:#f9d77e\n  classDef cached fill:#b7e4c7\n  classDef restored fill:#a9d6e5\n")
          .Append("  classDef stale fill:#f4a3a3\n  classDef failed fill:#e5383b\n  classDef planned fill:#eeeeee\n");
        return sb.ToString();
    }

    private static string Id(string name) => new(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
