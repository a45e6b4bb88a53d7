using RefusalSae.Core.Hooks;
using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.SideEffects;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Tests.Paper;

/// <summary>
/// CI has no GPU. TorchSharp's meta device has shapes but no data and refuses to mix with CPU tensors, as CUDA does,
/// so the parts of the paper path that the CPU build of libtorch can run on meta run here with the model and SAEs on
/// meta and their inputs built on the host, as the stages build them. (That build has no meta kernel for
/// index_select, where or logical_not, so a whole forward pass cannot run on meta; hooks are run directly instead.)
/// </summary>
public sealed class MetaDeviceTests : IDisposable
{
    private readonly CausalLM _model = CausalLM.Create(TinyPaperSetup.Config, ScalarType.Float32, META, seed: 1);

    [Fact]
    public void Decoder_cosines_with_a_host_direction_stay_on_the_SAE_device()
    {
        using var cpu = TinyPaperSetup.Sae(1, 3);
        using var sae = cpu.To(META, ScalarType.Float32);
        using var direction = tensor(new float[TinyPaperSetup.D]);                             // host data
        using var cos = CosineCandidates.Cosines(sae, direction);
        Assert.Equal(DeviceType.META, cos.device_type);
        Assert.Equal(new float[TinyPaperSetup.S], HostRead.Floats(cos));
    }

    [Fact]
    public void Direction_ablation_and_addition_built_from_host_data_run_on_the_model_device()
    {
        using var direction = tensor(Enumerable.Range(0, TinyPaperSetup.D).Select(i => (float)i).ToArray());   // host data, as SetMaterial keeps it
        using var h = ones(new long[] { 2, 5, TinyPaperSetup.D }, device: META);
        using (Interventions.AblateDirection(_model, direction))
        using (InductionInterventions.AddDirection(_model, 1, direction))
        {
            using var out1 = _model.Hooks.Run(HookName.ResidPost(1), h);
            Assert.Equal(DeviceType.META, out1.device_type);
            Assert.Equal(h.shape, out1.shape);
        }
    }

    [Fact]
    public void A_host_tensor_left_in_a_hook_is_caught_on_meta()
    {
        // The guard itself: a hook that adds a CPU tensor (the bug this class exists to catch) fails here.
        using var stray = ones(TinyPaperSetup.D);
        using var h = ones(new long[] { 1, 3, TinyPaperSetup.D }, device: META);
        using (_model.Hooks.Replace(HookName.ResidPost(0), x => x + stray.reshape(1, 1, -1).expand(x.shape)))
            Assert.ThrowsAny<Exception>(() => { using var _ = _model.Hooks.Run(HookName.ResidPost(0), h); });
    }

    public void Dispose() => _model.Dispose();
}
