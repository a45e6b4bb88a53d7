using RefusalSae.Experiments.Stages.Report.Readme;
using RefusalSae.Worker.Cli;

namespace RefusalSae.Worker.Commands;

/// <summary>
/// `readme-results`: regenerates the README's result tables (the regions between results markers) from an
/// experiment's artifacts; with --check, changes nothing and fails (exit 1) when the README disagrees with them.
/// </summary>
public sealed class ReadmeResultsCommand : IWorkerCommand
{
    public string Name => "readme-results";
    public string Usage => "readme-results [--artifacts artifacts/toy] [--readme README.md] [--check]";

    public int Run(ArgReader args)
    {
        var artifacts = args.Optional("artifacts", Path.Combine("artifacts", "toy"));
        var readme = args.Optional("readme", "README.md");
        var check = args.Flag("check");
        args.EnsureAllUsed();
        if (!Directory.Exists(artifacts)) throw new WorkerException("RSW380", $"{artifacts}: no such experiment folder (build the experiment first).");
        if (!File.Exists(readme)) throw new WorkerException("RSW380", $"{readme}: no such file.");
        var text = File.ReadAllText(readme);
        string updated;
        try { updated = ReadmeMarkers.Splice(text, ReadmeResults.Generate(artifacts), readme); }
        catch (InvalidDataException e) { throw new WorkerException("RSW380", e.Message); }
        if (updated == text) { Console.WriteLine($"{readme}: result tables agree with {artifacts}"); return 0; }
        if (!check) { File.WriteAllText(readme, updated); Console.WriteLine($"{readme}: result tables regenerated from {artifacts}"); return 0; }
        var (a, b) = (text.Split('\n'), updated.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Console.Error.WriteLine($"{readme}({line + 1},1): error RSW381: the README's result tables disagree with {artifacts}; " +
                                $"run `dotnet src/RefusalSae.Worker/bin/Debug/net10.0/linux-x64/RefusalSae.Worker.dll readme-results --artifacts {artifacts}` and commit.\n" +
                                $"  README:    {(line < a.Length ? a[line] : "(end)")}\n  artifacts: {(line < b.Length ? b[line] : "(end)")}");
        return 1;
    }
}
