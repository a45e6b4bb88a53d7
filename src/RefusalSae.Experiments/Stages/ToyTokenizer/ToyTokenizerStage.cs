using RefusalSae.Core.Tokenization.Training;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Stages.ToyCorpus;
using RefusalSae.Experiments.Toy.Corpus;
using RefusalSae.Experiments.Toy.Model;

namespace RefusalSae.Experiments.Stages.ToyTokenizer;

/// <summary>The <c>toy.tokenizer</c> block.</summary>
public sealed record ToyTokenizerSettings
{
    public required int VocabSize { get; init; }
    public required int MinFrequency { get; init; }
}

/// <summary>
/// toy-tokenizer: a byte-level BPE trained on the corpus (prompts and responses), with Gemma-2's chat special tokens,
/// saved as a Hugging Face tokenizer.json. A small vocabulary suits a small model: the embedding table stays a
/// modest share of the parameters, and byte-level fallback means no text is ever out of vocabulary.
/// </summary>
public sealed class ToyTokenizerStage : IStage
{
    public string Name => "toy-tokenizer";

    public void Run(StageContext ctx)
    {
        var settings = ctx.Config<ToyTokenizerSettings>("toy.tokenizer");
        var examples = ToyCorpusOutput.Read(ctx.Upstream("toy-corpus"));
        var texts = examples.SelectMany(e => new[] { e.Prompt, e.Response });
        var options = BpeTrainerOptions.ToyChat(settings.VocabSize) with { MinFrequency = settings.MinFrequency };
        var bpe = ByteLevelBpeTrainer.Train(texts, options);
        bpe.Save(ctx.Output(ToyModelFolder.TokenizerFile));
        ctx.Log.WriteLine($"toy-tokenizer: {bpe.Tokens.Count} tokens, {bpe.Merges.Count} merges from {examples.Count} conversations");
    }
}
