using System.Text;
using System.Text.Json;
using RefusalSae.Core.Chat;
using RefusalSae.Core.Tokenization;
using RefusalSae.Worker.Cli;

namespace RefusalSae.Worker.Commands;

/// <summary>
/// `tokenize`: JSONL prompts → JSONL token ids, through a chat format. Input lines are {"text": ...}, or
/// {"behavior": ..., "generation": ...} for harmbench-cls; output lines are {"ids": [...]} in the same order.
/// </summary>
public sealed class TokenizeCommand : IWorkerCommand
{
    private const string PromptFile = "llama2_cls_prompt.txt";

    public string Name => "tokenize";

    public string Usage =>
        "tokenize --tokenizer PATH [--chat gemma2|llama3.1|llama3.1-paper|harmbench-cls|none] [--cls-prompt FILE] --in texts.jsonl --out ids.jsonl";

    public int Run(ArgReader args)
    {
        var tokenizerPath = args.Required("tokenizer");
        var chatName = args.Optional("chat", "none");
        var clsPrompt = args.Optional("cls-prompt");
        var inPath = args.Required("in");
        var outPath = args.Required("out");
        args.EnsureAllUsed();

        ChatFormat format;
        try { format = ChatFormats.Parse(chatName); }
        catch (ArgumentException e) { throw new WorkerException("RSW210", $"tokenize: --chat: {e.Message}"); }
        if (!File.Exists(inPath)) throw new WorkerException("RSW211", $"tokenize: input file not found: {inPath}");

        var tokenizer = LoadTokenizer(tokenizerPath);
        var prompt = format == ChatFormat.HarmBenchClassifier ? LoadPrompt(clsPrompt, tokenizerPath) : null;
        var encoder = new ChatEncoder(tokenizer, format, prompt);

        var count = 0;
        var tmp = outPath + ".tmp";
        using (var writer = new StreamWriter(tmp, false, new UTF8Encoding(false)))
        {
            var lineNo = 0;
            foreach (var line in File.ReadLines(inPath))
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var ids = EncodeLine(encoder, line, $"{inPath}:{lineNo}");
                writer.Write("{\"ids\": [");
                writer.Write(string.Join(", ", ids));
                writer.Write("]}\n");
                count++;
            }
        }
        File.Move(tmp, outPath, overwrite: true);
        Console.WriteLine($"tokenize: {count} lines, chat={ChatFormats.Name(format)}, {tokenizer.Description} -> {outPath}");
        return 0;
    }

    private static int[] EncodeLine(ChatEncoder encoder, string line, string where)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException e) { throw new WorkerException("RSW212", $"{where}: not a JSON object: {e.Message}"); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new WorkerException("RSW212", $"{where}: expected a JSON object.");
            string Field(string name) =>
                doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!
                    : throw new WorkerException("RSW213", $"{where}: expected a string field \"{name}\" (chat={ChatFormats.Name(encoder.Format)}).");
            return encoder.Format == ChatFormat.HarmBenchClassifier
                ? encoder.EncodeClassifier(Field("behavior"), Field("generation"))
                : encoder.Encode(Field("text"));
        }
    }

    private static ITextTokenizer LoadTokenizer(string path)
    {
        try { return TokenizerLoader.Load(path); }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
            throw new WorkerException("RSW214", $"tokenize: cannot load tokenizer {path}: {e.Message}");
        }
    }

    /// <summary>
    /// The classifier prompt is third-party text read at run time: --cls-prompt, else beside the tokenizer, else
    /// the shared fixture folder ($RSW_SHARED or ../shared).
    /// </summary>
    private static HarmBenchClassifierPrompt LoadPrompt(string? explicitPath, string tokenizerPath)
    {
        var tokDir = Directory.Exists(tokenizerPath) ? tokenizerPath : Path.GetDirectoryName(Path.GetFullPath(tokenizerPath))!;
        var shared = Environment.GetEnvironmentVariable("RSW_SHARED") is { Length: > 0 } s ? s : Path.Combine("..", "shared");
        var candidates = explicitPath is not null
            ? [explicitPath]
            : new[] { Path.Combine(tokDir, PromptFile), Path.Combine(shared, "fixtures", "harmbench-cls-prompt", PromptFile) };
        var found = candidates.FirstOrDefault(File.Exists)
            ?? throw new WorkerException("RSW215", $"tokenize: HarmBench classifier prompt not found; looked at {string.Join(", ", candidates)} (pass --cls-prompt FILE).");
        try { return HarmBenchClassifierPrompt.Load(found); }
        catch (InvalidDataException e) { throw new WorkerException("RSW216", $"tokenize: {e.Message}"); }
    }
}
