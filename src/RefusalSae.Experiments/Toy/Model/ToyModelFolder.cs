using RefusalSae.Core.Chat;
using RefusalSae.Core.Models;
using RefusalSae.Core.Tensors;
using RefusalSae.Core.Tokenization;
using RefusalSae.Experiments.Generation;
using TorchSharp;

namespace RefusalSae.Experiments.Toy.Model;

/// <summary>
/// The trained organism as a Hugging Face snapshot folder (config.json, model.safetensors, tokenizer.json; the llama3
/// organism also tokenizer_config.json with its chat template): loaded through the same loaders as gemma-2-2b-it and
/// Llama-3.1-8B-Instruct, with the chat template of its architecture. The weights are read on the first use of
/// <see cref="Model"/>: a stage whose items are all cached renders without them.
/// </summary>
public sealed class ToyModelFolder : IDisposable
{
    public const string TokenizerFile = "tokenizer.json";
    public const string EndOfTurn = "<end_of_turn>";

    private readonly Lazy<CausalLM> _model;

    private ToyModelFolder(string dir, ModelConfig config, ITextTokenizer tokenizer)
    {
        Config = config;
        Tokenizer = tokenizer;
        Architecture = ToyArchitecture.Of(config);
        Chat = new ChatEncoder(tokenizer, Architecture.Chat);
        StopIds = new[] { tokenizer.EosId, tokenizer.TokenToId(Architecture.EndOfTurn) }.OfType<int>().Select(i => (long)i).Distinct().ToList();
        _model = new Lazy<CausalLM>(() => OutsideDisposeScopes.Run(() =>
        {
            var model = ModelLoader.Load(dir, torch.ScalarType.Float32, torch.CPU);
            model.eval();
            return model;
        }));
    }

    /// <summary>The weights, loaded on first use.</summary>
    public CausalLM Model => _model.Value;
    /// <summary>config.json, read without the weights.</summary>
    public ModelConfig Config { get; }
    public ITextTokenizer Tokenizer { get; }
    public ToyArchitecture Architecture { get; }
    public ChatEncoder Chat { get; }
    public IReadOnlyList<long> StopIds { get; }

    public ChatGeneration Generation => new(Model, Chat, StopIds);

    public static ToyModelFolder Load(string dir) =>
        new(dir, ModelConfigJson.Read(Path.Combine(dir, "config.json")), TokenizerLoader.Load(Path.Combine(dir, TokenizerFile)));

    public void Dispose()
    {
        if (_model.IsValueCreated) _model.Value.Dispose();
    }
}
