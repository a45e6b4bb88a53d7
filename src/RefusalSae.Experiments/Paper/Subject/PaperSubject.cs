using RefusalSae.Core.Chat;
using RefusalSae.Core.Hub;
using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Generation;
using RefusalSae.Experiments.Stages.TrainModel;
using RefusalSae.Experiments.Stages.TrainSae;
using RefusalSae.Experiments.Toy.Model;

namespace RefusalSae.Experiments.Paper.Subject;

/// <summary>
/// The model under study, its chat template and its per-layer SAEs, as every paper stage reads them (config
/// <c>paper.subject</c>): the toy organism from its training stages in the default experiment, or a Hugging Face
/// snapshot (gemma-2-2b-it, Llama-3.1-8B-Instruct) with Gemma Scope / Llama Scope SAEs, local or downloaded.
/// The tokenizer and chat template load at once (item keys render prompts with them); the weights and SAEs load on
/// their first use, so a stage whose items are all cached (a figure edit reruns it) never reads them.
/// </summary>
public sealed class PaperSubject : IDisposable
{
    private readonly Lazy<CausalLM> _model;
    private readonly Lazy<Dictionary<int, ISae>> _saes;
    private readonly IDisposable _owner;

    private PaperSubject(ModelConfig config, ITextTokenizer tokenizer, ChatEncoder chat, IReadOnlyList<long> stopIds,
        Func<CausalLM> model, Func<Dictionary<int, ISae>> saes, IDisposable owner)
    {
        (Config, Tokenizer, Chat, StopIds, _owner) = (config, tokenizer, chat, stopIds, owner);
        // Loaded on a thread of its own: the first use is often inside a batch's dispose scope, which must not own them.
        _model = new Lazy<CausalLM>(() => OutsideDisposeScopes.Run(model));
        _saes = new Lazy<Dictionary<int, ISae>>(() => OutsideDisposeScopes.Run(saes));
    }

    /// <summary>The weights, loaded on first use.</summary>
    public CausalLM Model => _model.Value;
    /// <summary>config.json, read without the weights.</summary>
    public ModelConfig Config { get; }
    public ITextTokenizer Tokenizer { get; }
    public ChatEncoder Chat { get; }
    /// <summary>Token ids that end a generated turn.</summary>
    public IReadOnlyList<long> StopIds { get; }
    /// <summary>SAE per layer (empty when loaded without SAEs), loaded on first use.</summary>
    public IReadOnlyDictionary<int, ISae> Saes => _saes.Value;

    public ChatGeneration Generation => new(Model, Chat, StopIds);

    public static PaperSubject Load(StageContext ctx, bool withSaes)
    {
        var s = ctx.Config<PaperSubjectSettings>("paper.subject");
        return s.Model.Length > 0 ? LoadSnapshot(ctx, s, withSaes) : LoadToy(ctx, s, withSaes);
    }

    private static PaperSubject LoadToy(StageContext ctx, PaperSubjectSettings s, bool withSaes)
    {
        if (s.ModelStage.Length == 0)
            throw new StageException("RSW372", "paper.subject: set either model (a snapshot folder or hf:owner/repo) or model_stage (the stage that trains one).");
        var toy = ToyModelFolder.Load(TrainModelOutput.ModelFolder(ctx.Upstream(s.ModelStage)));
        IReadOnlyList<long> stop = s.StopAtEndOfTurn ? toy.StopIds : toy.Tokenizer.EosId is { } e ? [e] : [];
        return new PaperSubject(toy.Config, toy.Tokenizer, toy.Chat, stop, () => toy.Model, LazySaes(ctx, s, toy.Config, withSaes), toy);
    }

    private static PaperSubject LoadSnapshot(StageContext ctx, PaperSubjectSettings s, bool withSaes)
    {
        var folder = Resolve(ctx, s.Model, "paper.subject.model", f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".safetensors", StringComparison.Ordinal));
        if (!Directory.Exists(folder)) throw new StageException("RSW354", $"paper.subject.model: '{folder}' is not a folder (expected a Hugging Face snapshot: config.json, *.safetensors, tokenizer.json).");
        var config = ModelConfigJson.Read(Path.Combine(folder, "config.json"));
        var tokenizer = TokenizerLoader.Load(Path.Combine(folder, "tokenizer.json"));
        var format = Parse(() => ChatFormats.Parse(s.ChatFormat), "paper.subject.chat_format");
        var chat = new ChatEncoder(tokenizer, format);
        var stop = new List<long>();
        if (tokenizer.EosId is { } eos) stop.Add(eos);
        if (s.StopAtEndOfTurn && EndOfTurn(format) is { } turn && tokenizer.TokenToId(turn) is { } turnId) stop.Add(turnId);
        var owner = new LoadedModel();
        return new PaperSubject(config, tokenizer, chat, stop.Distinct().ToList(), () =>
        {
            var (dtype, device) = Target(s);
            ctx.Log.WriteLine($"paper-subject: loading {folder} as {dtype} on {device}");
            var model = ModelLoader.Load(folder, dtype, device);
            model.eval();
            return owner.Model = model;
        }, LazySaes(ctx, s, config, withSaes), owner);
    }

    private static Func<Dictionary<int, ISae>> LazySaes(StageContext ctx, PaperSubjectSettings s, ModelConfig config, bool withSaes) =>
        () => withSaes ? LoadSaes(ctx, s, (int)config.NumHiddenLayers) : [];

    private static Dictionary<int, ISae> LoadSaes(StageContext ctx, PaperSubjectSettings s, int layers)
    {
        IReadOnlyList<string> paths = s.SaeStage.Length > 0 && s.Saes.Count == 0
            ? Enumerable.Range(0, layers).Select(l => TrainSaeOutput.SaeFolder(ctx.Upstream(s.SaeStage), l)).ToList()
            : s.Saes.Count == 1 && s.Saes[0].Contains("{layer}", StringComparison.Ordinal)
                ? Enumerable.Range(0, layers).Select(l => s.Saes[0].Replace("{layer}", l.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList()
                : s.Saes;
        if (paths.Count != layers)
            throw new StageException("RSW355", $"paper.subject.saes: {paths.Count} SAE locations for a model with {layers} layers (give one per layer, or one with {{layer}}).");
        var options = new SaeLoadOptions { LlamaScopeThreshold = Parse(() => Enum.Parse<LlamaScopeThreshold>(s.LlamaScopeThreshold.Replace("_", ""), ignoreCase: true), "paper.subject.llama_scope_threshold") };
        var (dtype, device) = Target(s);
        var saes = new Dictionary<int, ISae>();
        try
        {
            for (var l = 0; l < layers; l++)
            {
                var path = Resolve(ctx, paths[l], $"paper.subject.saes[{l}]", null);
                if (!Directory.Exists(path) && !File.Exists(path))
                    throw new StageException("RSW350", $"{path}: no SAE for layer {l} (expected a SAELens folder, a Gemma Scope params.npz or a Llama Scope folder).");
                using var loaded = SaeLoader.Load(path, options);
                if (loaded.Layer >= 0 && loaded.Layer != l)
                    throw new StageException("RSW356", $"{path}: SAE hooks {loaded.HookName}, but it is listed for layer {l}.");
                saes[l] = loaded.To(device, dtype);
            }
        }
        catch
        {
            foreach (var sae in saes.Values) sae.Dispose();
            throw;
        }
        return saes;
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

    /// <summary>Chat-formatted token ids of one user prompt.</summary>
    public int[] Encode(string prompt) => Chat.Encode(prompt);

    public void Dispose()
    {
        if (_saes.IsValueCreated) foreach (var s in _saes.Value.Values) s.Dispose();
        _owner.Dispose();
    }

    /// <summary>A snapshot model once loaded (nothing to dispose before).</summary>
    private sealed class LoadedModel : IDisposable
    {
        public CausalLM? Model { get; set; }
        public void Dispose() => Model?.Dispose();
    }
}
