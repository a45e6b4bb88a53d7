using RefusalSae.Core.Chat;
using RefusalSae.Core.Models;
using RefusalSae.Core.Tokenization;
using RefusalSae.Experiments.Generation;
using TorchSharp;

namespace RefusalSae.Experiments.Toy.Model;

/// <summary>
/// The trained organism as a Hugging Face snapshot folder (config.json, model.safetensors, tokenizer.json; the llama3
/// organism also tokenizer_config.json with its chat template): loaded through the same loaders as gemma-2-2b-it and
/// Llama-3.1-8B-Instruct, with the chat template of its architecture.
/// </summary>
public sealed class ToyModelFolder : IDisposable
{
    public const string TokenizerFile = "tokenizer.json";
    public const string EndOfTurn = "<end_of_turn>";

    private ToyModelFolder(CausalLM model, ITextTokenizer tokenizer)
    {
        Model = model;
        Tokenizer = tokenizer;
        Architecture = ToyArchitecture.Of(model.Config);
        Chat = new ChatEncoder(tokenizer, Architecture.Chat);
        StopIds = new[] { tokenizer.EosId, tokenizer.TokenToId(Architecture.EndOfTurn) }.OfType<int>().Select(i => (long)i).Distinct().ToList();
    }

    public CausalLM Model { get; }
    public ITextTokenizer Tokenizer { get; }
    public ToyArchitecture Architecture { get; }
    public ChatEncoder Chat { get; }
    public IReadOnlyList<long> StopIds { get; }

    public ChatGeneration Generation => new(Model, Chat, StopIds);

    public static ToyModelFolder Load(string dir)
    {
        var model = ModelLoader.Load(dir, torch.ScalarType.Float32, torch.CPU);
        model.eval();
        return new ToyModelFolder(model, TokenizerLoader.Load(Path.Combine(dir, TokenizerFile)));
    }

    public void Dispose() => Model.Dispose();
}
