using RefusalSae.Experiments.Toy.Corpus;

namespace RefusalSae.Experiments.Stages.ToyCorpus;

/// <summary>toy-corpus' output contract, the only way another stage reads its folder: the training conversations (corpus.jsonl).</summary>
public static class ToyCorpusOutput
{
    private const string File = "corpus.jsonl";

    public static void Write(string dir, IEnumerable<ToyExample> examples) => ToyCorpusJsonl.Write(Path.Combine(dir, File), examples);

    public static IReadOnlyList<ToyExample> Read(string dir) => ToyCorpusJsonl.Read(Path.Combine(dir, File));
}
