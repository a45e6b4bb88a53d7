using RefusalSae.Core.Generation;
using RefusalSae.Core.IO;
using RefusalSae.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Models;

/// <summary>The worker's `forward` and `generate` verbs end to end through Program.Main on the fixtures.</summary>
public sealed class WorkerModelVerbTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Fixture.Gemma2)]
    [InlineData(Fixture.Llama3)]
    public void Forward_writes_f32_logits_and_every_resid_post_matching_the_goldens(string fixture)
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempFolder();
        var g = Fixture.Golden(fixture);
        WriteInput(dir, g);
        var rc = Worker.Program.Main(["forward", "--model", Fixture.Folder(fixture), "--in", dir.File("in.safetensors"), "--out", dir.File("out.safetensors")]);
        Assert.Equal(0, rc);
        var o = SafeTensors.Load(dir.File("out.safetensors"));
        var mask = g["attention_mask"];
        var n = fixture == Fixture.Gemma2 ? 4 : 3;
        Assert.Equal(n + 1, o.Count);
        Assert.All(o.Values, t => Assert.Equal(ScalarType.Float32, t.dtype));
        // Same f32 tolerance rule as ParityTests (the Llama golden is itself 1.7e-4 from the exact value).
        var tol = fixture == Fixture.Gemma2 ? 1e-4 : 4e-4;
        MaxError.AssertWithin($"{fixture} forward verb logits", Fixture.MaxErrorOnTokens(o["logits"], g["f32.logits"], mask), tol, output);
        for (var l = 0; l < n - 1; l++)
            MaxError.AssertWithin($"{fixture} forward verb resid_post.{l}",
                Fixture.MaxErrorOnTokens(o[$"resid_post.{l}"], g[$"f32.hidden_states.{l + 1}"], mask), tol, output);
        Assert.Equal([2L, 12, 64], o[$"resid_post.{n - 1}"].shape);
    }

    [Fact]
    public void Generate_writes_the_greedy_sequences_and_pads_a_stopped_row()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempFolder();
        var g = Fixture.Golden(Fixture.Gemma2);
        WriteInput(dir, g);
        using var model = Fixture.Load(Fixture.Gemma2);
        var free = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], new GenerationOptions { MaxNewTokens = 10, PadId = 0 });
        var stop = free[1, 13].item<long>();
        var rc = Worker.Program.Main(["generate", "--model", Fixture.Folder(Fixture.Gemma2), "--in", dir.File("in.safetensors"),
            "--max-new-tokens", "10", "--out", dir.File("out.safetensors"), "--stop-ids", stop.ToString(), "99999"]);
        Assert.Equal(0, rc);
        var seq = SafeTensors.Load(dir.File("out.safetensors"))["sequences"];
        Assert.Equal(ScalarType.Int64, seq.dtype);
        Assert.Equal([2L, 22], seq.shape);
        var row = seq[1].data<long>().ToArray();
        var cut = Array.IndexOf(row, stop, 12);
        Assert.InRange(cut, 12, 13);
        Assert.Equal(free[1].data<long>().ToArray()[..(cut + 1)], row[..(cut + 1)]);
        Assert.All(row[(cut + 1)..], t => Assert.Equal(0L, t));   // config pad_token_id
    }

    [Fact]
    public void A_missing_input_file_is_an_error_exit_not_a_crash()
    {
        using var dir = new TempFolder();
        var rc = Worker.Program.Main(["forward", "--model", Fixture.Folder(Fixture.Gemma2), "--in", dir.File("absent.safetensors"), "--out", dir.File("o.safetensors")]);
        Assert.Equal(1, rc);
        Assert.False(File.Exists(dir.File("o.safetensors")));
    }

    [Fact]
    public void An_input_with_float_ids_is_rejected_naming_the_tensor()
    {
        using var dir = new TempFolder();
        SafeTensors.Save(dir.File("in.safetensors"), new Dictionary<string, Tensor> { ["input_ids"] = torch.ones(2, 3) });
        var e = Assert.Throws<InvalidDataException>(() => TokenBatchFile.Read(dir.File("in.safetensors")));
        Assert.Contains("'input_ids'", e.Message);
        Assert.Contains(dir.File("in.safetensors"), e.Message);
    }

    private static void WriteInput(TempFolder dir, Dictionary<string, Tensor> g) =>
        SafeTensors.Save(dir.File("in.safetensors"), new Dictionary<string, Tensor> { ["input_ids"] = g["input_ids"], ["attention_mask"] = g["attention_mask"] });
}
