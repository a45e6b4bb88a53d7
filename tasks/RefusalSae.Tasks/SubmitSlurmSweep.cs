using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace RefusalSae.Tasks;

/// <summary>
/// Runs a sweep's points on a Slurm cluster as one job array (`sbatch --wait --array=0-(P·N-1)`): job i is an ordinary
/// `dotnet build experiments` of point i / N, sharing the content-addressed cache through a folder every node sees, so
/// points share upstream stages exactly as on one machine (the stage locks hold across nodes). With N = `Shards` > 1
/// each point is N jobs, job i building it with `-p:ItemShard=(i mod N)/N`: the shards split the items of per-item
/// stages, and each point's stages are built once from their union. Scheduler state is never the source of truth:
/// the local build that follows only restores results from the cache and aggregates.
/// </summary>
public sealed class SubmitSlurmSweep : ToolTask
{
    [Required] public string RepoRoot { get; set; } = "";
    [Required] public string Experiment { get; set; } = "";
    [Required] public ITaskItem[] Points { get; set; } = [];
    /// <summary>The shared cache folder (`-p:WorkflowCacheRoot`), which must be on a filesystem every node mounts.</summary>
    [Required] public string CacheRoot { get; set; } = "";
    [Required] public string ArtifactsRoot { get; set; } = "";
    /// <summary>Where the job script, the point list and the jobs' logs go (a shared folder too).</summary>
    [Required] public string JobDirectory { get; set; } = "";
    /// <summary>Extra `sbatch` options, e.g. "--partition=gpu --gres=gpu:1 --time=04:00:00".</summary>
    public string SbatchOptions { get; set; } = "";
    /// <summary>At most this many array jobs at once (`--array=0-N%M`); 0 = no limit.</summary>
    public int MaxParallel { get; set; }
    /// <summary>`-p:SlurmShards` (validated by PlanSweep): jobs per point, each computing one shard of the per-item stages' items.</summary>
    public int Shards { get; set; } = 1;
    /// <summary>The user's `-p:Set`, appended after each point's own overrides.</summary>
    public string Set { get; set; } = "";

    protected override string ToolName => "sbatch";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;

    protected override string GenerateFullPathToTool() => ToolName;

    protected override string GenerateCommandLineCommands()
    {
        Directory.CreateDirectory(JobDirectory);
        var pointsFile = Path.Combine(JobDirectory, "points.tsv");
        File.WriteAllLines(pointsFile, Points.Select(p => $"{p.ItemSpec}\t{Combine(p.GetMetadata("Set"), Set)}"));
        var script = Path.Combine(JobDirectory, "point.sbatch");
        File.WriteAllText(script, Script(pointsFile));
        var array = $"0-{Points.Length * Shards - 1}" + (MaxParallel > 0 ? $"%{MaxParallel}" : "");
        // Slurm names the log by array index only; with shards, the job links point-P-shard-S.out to its job-I.out
        // (Slurm's own messages, e.g. a time limit, land in that file too).
        var log = Shards == 1 ? "point-%a.out" : "job-%a.out";
        return $"--wait --parsable --job-name=rsw-{Experiment} --array={array} " +
               $"--output=\"{Path.Combine(JobDirectory, log)}\" {SbatchOptions} \"{script}\"";
    }

    /// <summary>Each array job reads its point's line of points.tsv and builds that point (shard); the tools are built once, before submission.</summary>
    private string Script(string pointsFile)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        var sb = new StringBuilder()
            .Append("#!/bin/bash\nset -euo pipefail\n")
            .Append($"point=$((SLURM_ARRAY_TASK_ID / {Shards})); shard=$((SLURM_ARRAY_TASK_ID % {Shards}))\n")
            .Append($"line=$(sed -n \"$((point + 1))p\" '{pointsFile}')\n")
            .Append("id=${line%%$'\\t'*}; set=${line#*$'\\t'}\n");
        if (Shards > 1)
            sb.Append($"ln -sfn \"job-$SLURM_ARRAY_TASK_ID.out\" '{JobDirectory}'/\"point-$point-shard-$shard.out\"\n");
        var shardArg = Shards > 1 ? $" -p:ItemShard=\"$shard/{Shards}\"" : "";
        return sb
            .Append($"cd '{RepoRoot}'\n")
            .Append($"echo \"point $id{(Shards > 1 ? $" shard $shard/{Shards}" : "")} on $(hostname): dotnet build experiments\"\n")
            .Append($"exec '{dotnet}' build experiments -nologo -nodeReuse:false -p:Experiment={Experiment} -p:SweepPoint=\"$id\" -p:Set=\"$set\"{shardArg} ")
            .Append($"-p:WorkflowCacheRoot='{CacheRoot}' -p:ArtifactsRoot='{ArtifactsRoot}' -p:SkipWorkflowTools=true\n")
            .ToString();
    }

    private static string Combine(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : $"{a}|{b}";
}
