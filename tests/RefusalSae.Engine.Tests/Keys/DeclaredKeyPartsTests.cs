namespace RefusalSae.Engine.Tests.Keys;

/// <summary>What pipeline.yaml declares about keys: execution settings stay out of them; renderings only reach the stages that read them.</summary>
public class DeclaredKeyPartsTests
{
    private const string Execution = "\nexecution:\n  gen.note: gen only prints it (a test stand-in for a judge's HTTP batch size)\n";

    [Fact]
    public void Changing_an_execution_setting_reruns_nothing_and_the_stage_still_reads_it()
    {
        using var repo = new TestRepo();
        repo.Write("experiments/pipeline.yaml", TestRepo.PipelineYaml + Execution);
        repo.RenderNote = true;
        var before = repo.Build();
        var after = repo.Build("gen.note=bye");
        Assert.Empty(repo.Launched);
        Assert.Equal(before["gen"].Key, after["gen"].Key);
        Assert.Equal("# hello\n", File.ReadAllText(Path.Combine(repo.Root, "artifacts/t/gen/gen.md")));

        File.Delete(Path.Combine(repo.Cache, "stages", before["gen"].Key, "manifest.json"));   // force a rerun: it reads the new value
        repo.Build("gen.note=bye");
        Assert.Equal(["gen"], repo.Launched);
        Assert.Equal("# bye\n", File.ReadAllText(Path.Combine(repo.Cache, "stages", before["gen"].Key, "out", "gen.md")));
    }

    [Fact]
    public void An_execution_setting_that_is_not_a_config_key_is_a_located_error()
    {
        using var repo = new TestRepo();
        repo.Write("experiments/pipeline.yaml", TestRepo.PipelineYaml + "\nexecution:\n  gen.nope: typo\n");
        var e = Assert.Throws<WorkflowException>(() => repo.Build());
        Assert.Equal("RSW112", e.Code);
        Assert.Contains("'gen.nope' is not a key of experiments/defaults.yaml", e.Message);
        Assert.Equal(TestRepo.PipelineYaml.Split('\n').Length + 2, e.Location!.Line);
    }

    [Fact]
    public void A_changed_rendering_reruns_the_stages_that_read_renderings_and_not_those_that_read_data()
    {
        using var repo = new TestRepo("targets: [tab, rep]\ntab:\n  label: x\n");
        repo.Write("experiments/pipeline.yaml", TestRepo.PipelineYaml + """

              rep:
                version: 1
                config: [tab]
                upstream: [gen]
                reads_rendered: true
            """);
        repo.Code["rep"] = "rep v1";
        repo.RenderNote = true;
        repo.Build();
        var after = repo.Build("gen.note=bye");   // gen.md changes, gen.txt does not
        Assert.Equal(["gen", "rep"], repo.Launched);
        Assert.Equal("cached", after["tab"].Status);
        Assert.Contains("upstream 'gen' output changed", after["rep"].Reason);
    }
}
