using System.Text.Json;

namespace RefusalSae.Engine.Building;

/// <summary>
/// artifacts/&lt;experiment&gt;/.build/&lt;stage&gt;.json: one stage's <see cref="StageBuild"/> as its MSBuild instance
/// left it, tagged with the build's id, so the experiment's records (last-run.json, state.json) are written once at
/// the end from every stage, failed ones included, whatever node built them.
/// </summary>
public static class StageRecordFile
{
    private sealed record Record(string BuildId, StageBuild Build);

    public static string PathOf(BuildOptions options, string stage) => Path.Combine(options.ExperimentDir, ".build", stage + ".json");

    public static void Write(BuildOptions options, string buildId, StageBuild build)
    {
        var path = PathOf(options, build.Outcome.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new Record(buildId, build), Json.Options));
    }

    /// <summary>The stage's record from build <paramref name="buildId"/>, or null (not built in it).</summary>
    public static StageBuild? Read(BuildOptions options, string buildId, string stage)
    {
        try
        {
            var path = PathOf(options, stage);
            if (!File.Exists(path)) return null;
            var record = JsonSerializer.Deserialize<Record>(File.ReadAllText(path), Json.Options);
            return record?.BuildId == buildId ? record.Build : null;
        }
        catch (JsonException) { return null; }
    }
}
