using System.Diagnostics;
using System.Text.Json;
using RefusalSae.Core.Tokenization;
using RefusalSae.Core.Tokenization.Training;
using RefusalSae.Worker.Cli;

namespace RefusalSae.Worker.Commands;

/// <summary>
/// `train-tokenizer`: trains the toy model's byte-level BPE on text files and writes a Hugging Face tokenizer.json.
/// A .json/.jsonl file contributes every string value in it; any other file is one text.
/// </summary>
public sealed class TrainTokenizerCommand : IWorkerCommand
{
    public string Name => "train-tokenizer";

    public string Usage => "train-tokenizer --in FILE [FILE ...] --out tokenizer.json [--vocab-size 4096] [--min-frequency 2]";

    public int Run(ArgReader args)
    {
        var inputs = args.Many("in");
        var outPath = args.Required("out");
        var vocabSize = args.Int("vocab-size", 4096);
        var minFrequency = args.Int("min-frequency", 2);
        args.EnsureAllUsed();
        if (inputs.Count == 0) throw new WorkerException("RSW220", "train-tokenizer: give at least one --in file.");
        foreach (var f in inputs) if (!File.Exists(f)) throw new WorkerException("RSW221", $"train-tokenizer: input file not found: {f}");

        var texts = inputs.SelectMany(ReadTexts).ToList();
        var bytes = texts.Sum(t => (long)System.Text.Encoding.UTF8.GetByteCount(t));
        var clock = Stopwatch.StartNew();
        TrainedBpe trained;
        try { trained = ByteLevelBpeTrainer.Train(texts, BpeTrainerOptions.ToyChat(vocabSize) with { MinFrequency = minFrequency }); }
        catch (ArgumentException e) { throw new WorkerException("RSW222", $"train-tokenizer: {e.Message}"); }
        var seconds = clock.Elapsed.TotalSeconds;
        trained.Save(outPath);
        var reloaded = TokenizerLoader.Load(outPath);
        var tokens = texts.Sum(t => (long)reloaded.Encode(t, false).Length);
        Console.WriteLine($"train-tokenizer: {texts.Count} texts, {bytes / 1e6:F2} MB, {trained.Tokens.Count} ids ({trained.Merges.Count} merges) " +
                          $"in {seconds:F1} s; {(double)bytes / tokens:F2} bytes/token -> {outPath}");
        return 0;
    }

    private static IEnumerable<string> ReadTexts(string path)
    {
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            var lineNo = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                foreach (var s in Strings(Parse(line, $"{path}:{lineNo}"))) yield return s;
            }
        }
        else if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            foreach (var s in Strings(Parse(File.ReadAllText(path), path))) yield return s;
        else
            yield return File.ReadAllText(path);
    }

    private static JsonElement Parse(string json, string where)
    {
        try { using var doc = JsonDocument.Parse(json); return doc.RootElement.Clone(); }
        catch (JsonException e) { throw new WorkerException("RSW223", $"train-tokenizer: {where}: invalid JSON: {e.Message}"); }
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}
