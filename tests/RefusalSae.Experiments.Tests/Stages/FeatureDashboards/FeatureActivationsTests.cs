using RefusalSae.Core.Hooks;
using RefusalSae.Experiments.Dashboards;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Tests.Paper;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Tests.Stages.FeatureDashboards;

public sealed class FeatureActivationsTests
{
    [Fact]
    public void Per_token_activations_of_a_padded_batch_equal_the_sae_encoding_of_each_prompt_alone()
    {
        using var setup = new TinyPaperSetup();
        var prompts = TinyPaperSetup.Prompts(4, seed: 21);
        FeatureRef[] features = [new(0, 3), new(2, 31), new(0, 17), new(1, 0)];
        var (ids, mask, _) = TinyPaperSetup.Batch(prompts);
        var batched = FeatureActivations.PerToken(setup.Model, setup.Saes, features, ids, mask);
        var maxError = 0.0;
        for (var p = 0; p < prompts.Count; p++)
        {
            using var scope = NewDisposeScope();
            var reads = new Dictionary<int, Tensor>();
            var hooks = Enumerable.Range(0, TinyPaperSetup.Layers)
                .Select(l => setup.Model.Hooks.Read(HookName.ResidPost(l), x => reads[l] = x.detach().clone().MoveToOuterDisposeScope())).ToList();
            using (no_grad()) setup.Model.Forward(tensor(prompts[p].Select(i => (long)i).ToArray()).unsqueeze(0), ones(1, prompts[p].Length, dtype: ScalarType.Int64));
            hooks.ForEach(h => h.Dispose());
            for (var j = 0; j < features.Length; j++)
            {
                var f = features[j];
                var expected = setup.Saes[f.Layer].Encode(reads[f.Layer])[0, .., f.Index].data<float>().ToArray();
                Assert.Equal(prompts[p].Length, batched[p][j].Length);   // one value per real token, pads dropped
                maxError = Math.Max(maxError, expected.Zip(batched[p][j], (a, b) => (double)Math.Abs(a - b)).Max());
            }
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"max |batched − alone| = {maxError:E2}");
        Assert.True(maxError < 1e-4, $"max error {maxError:E2} (tolerance 1e-4, as the model parity tests)");
    }
}
