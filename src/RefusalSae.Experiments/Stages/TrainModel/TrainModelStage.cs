using System.Globalization;
using RefusalSae.Core.Chat;
using RefusalSae.Core.Models;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Reporting;
using RefusalSae.Experiments.Stages.ToyCorpus;
using RefusalSae.Experiments.Toy.Corpus;
using RefusalSae.Experiments.Toy.Model;
using RefusalSae.Experiments.Toy.Training;
using TorchSharp;

namespace RefusalSae.Experiments.Stages.TrainModel;

/// <summary>
/// train-model: trains the toy organism (a small Gemma-2, or a small Llama-3.1 with toy.model.architecture llama3) on the
/// corpus and saves it as a Hugging Face snapshot with its tokenizer. Deterministic for a seed on one machine; resumes
/// from its last checkpoint after a kill.
/// Outputs: model/ (config.json, model.safetensors, tokenizer.json; llama3 also tokenizer_config.json with the chat
/// template, special_tokens_map.json, generation_config.json), training_log.csv, training_curve.{png,svg}.
/// </summary>
public sealed class TrainModelStage : IStage
{
    public string Name => "train-model";

    public void Run(StageContext ctx)
    {
        var modelSettings = ctx.Config<ToyModelSettings>("toy.model");
        var options = ctx.Config<LmTrainerOptions>("toy.train");
        try { options.Validate(); }
        catch (ArgumentException e) { throw new StageException("RSW371", e.Message); }
        ToyArchitecture arch;
        try { arch = modelSettings.Kind; }
        catch (ArgumentException e) { throw new StageException("RSW383", e.Message); }
        var tokenizerPath = Path.Combine(ctx.Upstream("toy-tokenizer"), ToyModelFolder.TokenizerFile);

        // The training is an item: its key covers only the code the training reaches, so a change to the figure
        // below reruns the rendering from the stored model and log, never the training.
        ctx.Items.FilesInto("trained organism", dir =>
        {
            var modelDir = TrainModelOutput.ModelFolder(dir);
            var trainTokenizer = tokenizerPath;
            if (arch == ToyArchitecture.Llama3)
            {
                // The snapshot's own tokenizer files come first: training reads the Llama-3 specials from them.
                LlamaToyTokenizer.Write(tokenizerPath, modelDir, modelSettings.MaxPositionEmbeddings);
                trainTokenizer = Path.Combine(modelDir, ToyModelFolder.TokenizerFile);
            }
            var tokenizer = TokenizerLoader.Load(trainTokenizer);
            var examples = ToyCorpusOutput.Read(ctx.Upstream("toy-corpus"));
            var data = ToySequences.Encode(new ChatEncoder(tokenizer, arch.Chat), examples, options.MaxLength, arch.EndOfTurn);
            if (data.Count == 0)   // e.g. llama3: the template's 26-token system preamble alone takes ~40 toy tokens
                throw new StageException("RSW384", $"toy.train.max_length: no conversation's prompt fits in {options.MaxLength} tokens with the {arch.Name} chat template; raise it.");
            torch.manual_seed(options.Seed);
            using var model = CausalLM.Create(modelSettings.ToModelConfig(tokenizer), torch.ScalarType.Float32, torch.CPU, options.Seed);
            var parameters = model.Parameters().Sum(p => p.numel());
            ctx.Log.WriteLine($"train-model: {parameters:N0} parameters, {data.Count} sequences, {options.Steps} steps of {options.BatchSize}");
            var progress = ctx.Progress(options.Steps, "steps");
            var trainer = new LmTrainer(model, options, tokenizer.PadId)
            {
                OnStep = (s, total, eta) =>
                {
                    // SIGTERM / Ctrl+C stop training at the next step: the last checkpoint stays in scratch to resume from.
                    ctx.Cancellation.ThrowIfCancellationRequested();
                    progress.Advance();
                    if (s.Step % 25 == 0 || s.Step == total)
                        ctx.Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"train-model: step {s.Step}/{total} loss {s.Loss:F4} lr {s.LearningRate:E2} grad-norm {s.GradNorm:F2} ETA {eta:mm\\:ss}"));
                },
            };
            var trained = trainer.Train(data, ctx.ScratchDirectory);
            ModelSnapshot.Save(model, modelDir);
            if (arch == ToyArchitecture.Llama3) LlamaToySnapshot.WriteGenerationConfig(model.Config, modelDir);
            else File.Copy(tokenizerPath, Path.Combine(modelDir, ToyModelFolder.TokenizerFile));
            WriteLog(Path.Combine(dir, "training_log.csv"), trained);
        }, ctx.OutputDirectory);

        var log = ReadLog(ctx.Output("training_log.csv"));
        var series = new List<LineSeries>
        {
            new("train loss", log.Select(s => (double)s.Step).ToList(), Smooth(log.Select(s => s.Loss).ToList(), 10)),
        };
        if (options.ComplianceSteps > 0 && log.Count > 0)   // the loss steps up where refusals join: mark it so it isn't read as a divergence
            series.Add(new LineSeries("refusals join (compliance_steps)", [options.ComplianceSteps, options.ComplianceSteps],
                [log.Min(s => s.Loss), log.Max(s => s.Loss)]));
        LineFigure.Save(ctx.OutputDirectory, "training_curve", "Toy organism training loss", "step", "cross-entropy (response tokens)",
            series, markers: false);
        if (Directory.Exists(ctx.ScratchDirectory)) Directory.Delete(ctx.ScratchDirectory, recursive: true);
    }

    private static void WriteLog(string path, IReadOnlyList<TrainingStep> log) =>
        File.WriteAllLines(path, log.Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s.Step},{s.Loss:R},{s.LearningRate:R},{s.GradNorm:R}")).Prepend("step,loss,learning_rate,grad_norm"));

    private static List<(int Step, double Loss)> ReadLog(string path) =>
        File.ReadLines(path).Skip(1).Select(l => l.Split(','))
            .Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture))).ToList();

    /// <summary>A trailing moving average, so the figure shows the trend rather than per-batch noise.</summary>
    private static List<double> Smooth(IReadOnlyList<double> values, int window) =>
        values.Select((_, i) => values.Skip(Math.Max(0, i - window + 1)).Take(Math.Min(window, i + 1)).Average()).ToList();
}
