using RefusalSae.Core.Generation;
using RefusalSae.Core.Hooks;
using RefusalSae.Core.Tests.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Generation;

public sealed class TextGeneratorTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(Fixture.Gemma2)]
    [InlineData(Fixture.Llama3)]
    public void Greedy_kv_cache_generation_equals_full_recompute_on_left_padded_prompts(string fixture)
    {
        // 12 prompt + 24 new tokens: past the Gemma fixture's sliding window of 4 on every layer kind.
        using var scope = torch.NewDisposeScope();
        var g = Fixture.Golden(fixture);
        using var model = Fixture.Load(fixture);
        var options = new GenerationOptions { MaxNewTokens = 24, PadId = 0 };
        var cached = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], options);
        var full = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], options with { UseKvCache = false });
        output.WriteLine($"{fixture} cached row 1: {string.Join(" ", cached[1].data<long>().ToArray())}");
        Assert.Equal([2L, 36L], cached.shape);
        Assert.Equal(full.data<long>().ToArray(), cached.data<long>().ToArray());
        Assert.Equal(g["input_ids"].data<long>().ToArray(), cached[.., ..12].contiguous().data<long>().ToArray());
    }

    [Fact]
    public void The_first_greedy_token_is_the_argmax_of_the_golden_last_logits()
    {
        using var scope = torch.NewDisposeScope();
        var g = Fixture.Golden(Fixture.Gemma2);
        using var model = Fixture.Load(Fixture.Gemma2);
        var seq = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], new GenerationOptions { MaxNewTokens = 1, PadId = 0 });
        var expected = g["f32.logits"][.., -1, ..].argmax(-1);
        Assert.Equal(expected.data<long>().ToArray(), seq[.., -1].contiguous().data<long>().ToArray());
    }

    [Fact]
    public void A_row_that_emits_a_stop_id_keeps_it_and_is_padded_after()
    {
        using var scope = torch.NewDisposeScope();
        var g = Fixture.Golden(Fixture.Llama3);
        using var model = Fixture.Load(Fixture.Llama3);
        var free = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], new GenerationOptions { MaxNewTokens = 8, PadId = 7 });
        var stop = free[0, 14].item<long>();   // row 0's third new token
        var first = Enumerable.Range(12, 3).First(i => free[0, i].item<long>() == stop);
        var stopped = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"],
            new GenerationOptions { MaxNewTokens = 8, PadId = 7, StopIds = [stop] });
        var row = stopped[0].data<long>().ToArray();
        Assert.Equal(free[0].data<long>().ToArray()[..(first + 1)], row[..(first + 1)]);
        Assert.All(row[(first + 1)..], t => Assert.Equal(7L, t));
        Assert.Equal(20, stopped.shape[1]);
    }

    [Fact]
    public void Hooks_apply_at_prefill_and_at_every_cached_step()
    {
        using var scope = torch.NewDisposeScope();
        var g = Fixture.Golden(Fixture.Gemma2);
        using var model = Fixture.Load(Fixture.Gemma2);
        var steer = torch.randn(64, generator: new Generator(3)) * 4;
        var lengths = new List<long>();
        var options = new GenerationOptions { MaxNewTokens = 6, PadId = 0 };
        Tensor cached, full, plain;
        using (model.Hooks.AddTo(HookName.ResidPost(1), steer))
        using (model.Hooks.Read(HookName.ResidPost(1), x => lengths.Add(x.shape[1])))
        {
            cached = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], options);
            full = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], options with { UseKvCache = false });
        }
        plain = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], options);
        Assert.Equal([12L, 1, 1, 1, 1, 1], lengths.Take(6));
        Assert.Equal(full.data<long>().ToArray(), cached.data<long>().ToArray());
        Assert.NotEqual(plain.data<long>().ToArray(), cached.data<long>().ToArray());
        Assert.False(model.Hooks.IsActive(HookName.ResidPost(1)));
    }

    [Fact]
    public void Seeded_sampling_repeats_with_the_same_seed_and_differs_with_another()
    {
        using var scope = torch.NewDisposeScope();
        var g = Fixture.Golden(Fixture.Llama3);
        using var model = Fixture.Load(Fixture.Llama3);
        GenerationOptions Opt(long seed) => new() { MaxNewTokens = 16, PadId = 0, Sampling = new SamplingOptions(1.0, seed) };
        var a = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], Opt(1)).data<long>().ToArray();
        var b = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], Opt(1)).data<long>().ToArray();
        var c = TextGenerator.Generate(model, g["input_ids"], g["attention_mask"], Opt(2)).data<long>().ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
