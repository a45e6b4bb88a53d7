using RefusalSae.Core.Hub;
using RefusalSae.Core.Chat;
using RefusalSae.Core.Models;
using RefusalSae.Core.Tensors;
using RefusalSae.Core.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Judges;

/// <summary>
/// The HarmBench classifier (cais/HarmBench-Llama-2-13b-cls) run by our own Llama port, as the paper's HF fallback
/// does it: the filled prompt as plain text with the tokenizer's BOS (&lt;s&gt;), left padding, one greedy token
/// (paper-method §6.2). The original fallback crashes because Llama-2's tokenizer has no pad token (spec §9 #21); we
/// pad with <see cref="ITextTokenizer.PadId"/> (its EOS, &lt;/s&gt; = 2, when there is no pad token). Pads are
/// masked out of attention and the position ids skip them, so the pad id does not change the answer.
/// </summary>
public sealed class LocalHarmBenchJudge : IHarmBenchJudge
{
    // B = batch, T = tokens, V = vocab
    private readonly CausalLM _model;
    private readonly ChatEncoder _encoder;
    private readonly bool _ownsModel;

    public LocalHarmBenchJudge(CausalLM model, ITextTokenizer tokenizer, HarmBenchClassifierPrompt prompt, int batchSize, string identity,
        bool ownsModel = false)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), "batch size must be ≥ 1");
        (_model, _ownsModel, PreferredBatch, Identity) = (model, ownsModel, batchSize, identity);
        _encoder = new ChatEncoder(tokenizer, ChatFormat.HarmBenchClassifier, prompt);
    }

    public string Identity { get; }
    public int PreferredBatch { get; }
    public ITextTokenizer Tokenizer => _encoder.Tokenizer;

    /// <summary>Loads the snapshot folder of <paramref name="s"/> (model and tokenizer) in its dtype, on its device.</summary>
    public static LocalHarmBenchJudge Load(LocalJudgeSettings s, HarmBenchClassifierPrompt prompt, string promptHash)
    {
        const string key = HarmBenchJudgeSettings.Prefix + ".local";
        var folder = s.ModelPath;
        if (HubLocation.IsHub(folder))
        {
            try
            {
                folder = HubDownloader.FromEnvironment().Resolve(HubLocation.Parse(folder),
                    f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".safetensors", StringComparison.Ordinal) || f == "tokenizer.model");
            }
            catch (Exception e) when (e is HubException or FormatException) { throw new HarmBenchJudgeException($"{key}.model_path: {e.Message}"); }
        }
        if (folder.Length == 0 || !Directory.Exists(folder))
            throw new HarmBenchJudgeException($"{key}.model_path = '{s.ModelPath}': expected the folder of a Hugging Face snapshot of cais/HarmBench-Llama-2-13b-cls (or hf:cais/HarmBench-Llama-2-13b-cls).");
        ScalarType dtype;
        Device device;
        try { (dtype, device) = (TorchTarget.ParseDType(s.Dtype), TorchTarget.ParseDevice(s.Device)); }
        catch (ArgumentException e) { throw new HarmBenchJudgeException($"{key}.dtype/device: {e.Message}"); }
        var model = ModelLoader.Load(folder, dtype, device);
        model.eval();
        var tokenizer = TokenizerLoader.Load(folder);
        var identity = $"local|{(HubLocation.IsHub(s.ModelPath) ? s.ModelPath : Path.GetFullPath(folder))}|{s.Dtype}|prompt {promptHash}";
        return new LocalHarmBenchJudge(model, tokenizer, prompt, s.BatchSize, identity, ownsModel: true);
    }

    public IReadOnlyList<HarmBenchVerdict> Judge(IReadOnlyList<HarmBenchCase> cases, CancellationToken cancellation = default)
    {
        var verdicts = new List<HarmBenchVerdict>(cases.Count);
        foreach (var chunk in cases.Chunk(PreferredBatch))
        {
            cancellation.ThrowIfCancellationRequested();
            var ids = GreedyTokens(chunk.Select(c => _encoder.EncodeClassifier(c.Behavior, c.Generation)).ToList());
            verdicts.AddRange(ids.Select(id => HarmBenchVerdict.Parse(Tokenizer.Decode([id], skipSpecialTokens: true))));
        }
        return verdicts;
    }

    /// <summary>The greedy next token after each sequence, the sequences left-padded into one batch (max_new_tokens = 1, do_sample = False).</summary>
    public IReadOnlyList<int> GreedyTokens(IReadOnlyList<int[]> sequences)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var (ids, mask) = BatchEncoding.LeftPad(sequences, Tokenizer.PadId).ToTensors(_model.Device);        // (B, T), (B, T)
        var logits = _model.Forward(ids, mask, lastPositionOnly: true);                          // (B, 1, V)
        var next = logits[.., -1, ..].argmax(-1);                                                 // (B)
        return HostRead.Longs(next).Select(i => (int)i).ToArray();
    }

    public void Dispose()
    {
        if (_ownsModel) _model.Dispose();
    }
}
