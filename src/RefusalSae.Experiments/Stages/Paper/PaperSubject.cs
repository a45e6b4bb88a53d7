using RefusalSae.Core.Chat;
using RefusalSae.Core.Hub;
using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Generation;
using RefusalSae.Experiments.Stages.ToyCorpus;
using RefusalSae.Experiments.Toy.Corpus;
using RefusalSae.Experiments.Toy.Model;

namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>
/// The model under study, its chat template and its per-layer SAEs, as every paper stage reads them (config
/// <c>paper.subject</c>): the toy organism from its training stages in the default experiment, or a Hugging Face
/// snapshot (gemma-2-2b-it, Llama-3.1-8B-Instruct) with Gemma Scope / Llama Scope SAEs, local or downloaded.
/// </summary>
public sealed class PaperSubject : IDisposable
{
    private readonly IDisposable _owner;

    private PaperSubject(CausalLM model, ITextTokenizer tokenizer, ChatEncoder chat, IReadOnlyList<long> stopIds,
        Dictionary<int, ISae> saes, IDisposable owner)
    {
        (Model, Tokenizer, Chat, StopIds, Saes, _owner) = (model, tokenizer, chat, stopIds, saes, owner);
    }

    public CausalLM Model { get; }
    public ITextTokenizer Tokenizer { get; }
    public ChatEncoder Chat { get; }
    /// <summary>Token ids that end a generated turn.</summary>
    public IReadOnlyList<long> StopIds { get; }
    /// <summary>SAE per layer (empty when loaded without SAEs).</summary>
    public Dictionary<int, ISae> Saes { get; }

    public ChatGeneration Generation => new(Model, Chat, StopIds);

    public static PaperSubject Load(StageContext ctx, bool withSaes)
    {
        var s = ctx.Config<PaperSubjectSettings>("paper.subject");
        var subject = s.Model.Length > 0 ? LoadSnapshot(ctx, s) : LoadToy(ctx, s);
        if (withSaes)
        {
            try { LoadSaes(ctx, s, subject); }
            catch { subject.Dispose(); throw; }
        }
        return subject;
    }

    private static PaperSubject LoadToy(StageContext ctx, PaperSubjectSettings s)
    {
        if (s.ModelStage.Length == 0)
            throw new StageException("RSW372", "paper.subject: set either model (a snapshot folder or hf:owner/repo) or model_stage (the stage that trains one).");
        var toy = ToyModelFolder.Load(Path.Combine(ctx.Upstream(s.ModelStage), "model"));
        IReadOnlyList<long> stop = s.StopAtEndOfTurn ? toy.StopIds : toy.Tokenizer.EosId is { } e ? [e] : [];
        return new PaperSubject(toy.Model, toy.Tokenizer, toy.Chat, stop, [], toy);
    }

    private static PaperSubject LoadSnapshot(StageContext ctx, PaperSubjectSettings s)
    {
        var folder = Resolve(ctx, s.Model, "paper.subject.model", f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".safetensors", StringComparison.Ordinal));
        if (!Directory.Exists(folder)) throw new StageException("RSW354", $"paper.subject.model: '{folder}' is not a folder (expected a Hugging Face snapshot: config.json, *.safetensors, tokenizer.json).");
        var (dtype, device) = Target(s);
        ctx.Log.WriteLine($"paper-subject: loading {folder} as {dtype} on {device}");
        var model = ModelLoader.Load(folder, dtype, device);
        model.eval();
        var tokenizer = TokenizerLoader.Load(Path.Combine(folder, "tokenizer.json"));
        var format = Parse(() => ChatFormats.Parse(s.ChatFormat), "paper.subject.chat_format");
        var chat = new ChatEncoder(tokenizer, format);
        var stop = new List<long>();
        if (tokenizer.EosId is { } eos) stop.Add(eos);
        if (s.StopAtEndOfTurn && EndOfTurn(format) is { } turn && tokenizer.TokenToId(turn) is { } turnId) stop.Add(turnId);
        return new PaperSubject(model, tokenizer, chat, stop.Distinct().ToList(), [], model);
    }

    private static void LoadSaes(StageContext ctx, PaperSubjectSettings s, PaperSubject subject)
    {
        var layers = (int)subject.Model.Config.NumHiddenLayers;
        IReadOnlyList<string> paths = s.SaeStage.Length > 0 && s.Saes.Count == 0
            ? Enumerable.Range(0, layers).Select(l => Path.Combine(ctx.Upstream(s.SaeStage), "saes", $"layer_{l}")).ToList()
            : s.Saes.Count == 1 && s.Saes[0].Contains("{layer}", StringComparison.Ordinal)
                ? Enumerable.Range(0, layers).Select(l => s.Saes[0].Replace("{layer}", l.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList()
                : s.Saes;
        if (paths.Count != layers)
            throw new StageException("RSW355", $"paper.subject.saes: {paths.Count} SAE locations for a model with {layers} layers (give one per layer, or one with {{layer}}).");
        var options = new SaeLoadOptions { LlamaScopeThreshold = Parse(() => Enum.Parse<LlamaScopeThreshold>(s.LlamaScopeThreshold.Replace("_", ""), ignoreCase: true), "paper.subject.llama_scope_threshold") };
        var (dtype, device) = Target(s);
        for (var l = 0; l < layers; l++)
        {
            var path = Resolve(ctx, paths[l], $"paper.subject.saes[{l}]", null);
            if (!Directory.Exists(path) && !File.Exists(path))
                throw new StageException("RSW350", $"{path}: no SAE for layer {l} (expected a SAELens folder, a Gemma Scope params.npz or a Llama Scope folder).");
            using var loaded = SaeLoader.Load(path, options);
            if (loaded.Layer >= 0 && loaded.Layer != l)
                throw new StageException("RSW356", $"{path}: SAE hooks {loaded.HookName}, but it is listed for layer {l}.");
            subject.Saes[l] = loaded.To(device, dtype);
        }
    }

    private static string Resolve(StageContext ctx, string location, string key, Func<string, bool>? wanted)
    {
        if (!HubLocation.IsHub(location)) return location;
        var hub = Parse(() => HubLocation.Parse(location), key);
        try { return HubDownloader.FromEnvironment(ctx.Log.WriteLine).Resolve(hub, wanted); }
        catch (HubException e) { throw new StageException("RSW357", $"{key}: {e.Message}"); }
    }

    private static (TorchSharp.torch.ScalarType, TorchSharp.torch.Device) Target(PaperSubjectSettings s) =>
        (Parse(() => TorchTarget.ParseDType(s.Dtype), "paper.subject.dtype"), Parse(() => TorchTarget.ParseDevice(s.Device), "paper.subject.device"));

    private static string? EndOfTurn(ChatFormat format) => format switch
    {
        ChatFormat.Gemma2 => "<end_of_turn>",
        ChatFormat.Llama31 or ChatFormat.Llama31Paper => "<|eot_id|>",
        _ => null,
    };

    private static T Parse<T>(Func<T> parse, string key)
    {
        try { return parse(); }
        catch (Exception e) when (e is ArgumentException or FormatException) { throw new StageException("RSW358", $"{key}: {e.Message}"); }
    }

    /// <summary>The harmful evaluation sets (first N each), in report order.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<Prompt> Prompts)> HarmfulSets(StageContext ctx, int perSet) =>
        ToyHeldOutSets.Load(ToyCorpusStage.Inputs(ctx, alpaca: false), perSet, 1).Named()
            .Where(s => s.IsHarmful).Select(s => (s.Name, s.Prompts)).ToList();

    /// <summary>Chat-formatted token ids of one user prompt.</summary>
    public int[] Encode(string prompt) => Chat.Encode(prompt);

    public void Dispose()
    {
        foreach (var s in Saes.Values) s.Dispose();
        _owner.Dispose();
    }
}
