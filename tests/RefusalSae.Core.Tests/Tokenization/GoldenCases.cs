using System.Text.Json;
using RefusalSae.Core.Tokenization;
using RefusalSae.Testing;

namespace RefusalSae.Core.Tests.Tokenization;

/// <summary>Reads a fixture's golden_tokens.json and checks a tokenizer against every case, printing matched/total.</summary>
internal static class GoldenCases
{
    public sealed record Case(string Text, int[]? Ids, int[]? IdsWithBos);

    public static List<Case> Read(string folder)
    {
        var path = ThirdParty.Require(Paths.Fixture(folder, "golden_tokens.json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("text").GetString()!,
            c.TryGetProperty("ids", out var ids) ? ids.EnumerateArray().Select(i => i.GetInt32()).ToArray() : null,
            c.TryGetProperty("ids_with_bos", out var b) ? b.EnumerateArray().Select(i => i.GetInt32()).ToArray() : null)).ToList();
    }

    /// <summary>Encodes every case (without and, where given, with specials) and asserts all match.</summary>
    public static void AssertAllMatch(string folder, ITextTokenizer tokenizer, ITestOutputHelper output)
    {
        var cases = Read(folder);
        int matched = 0, total = 0;
        var failures = new List<string>();
        foreach (var c in cases)
        {
            foreach (var (expected, addSpecial) in new[] { (c.Ids, false), (c.IdsWithBos, true) })
            {
                if (expected is null) continue;
                total++;
                var actual = tokenizer.Encode(c.Text, addSpecial);
                if (actual.SequenceEqual(expected)) matched++;
                else failures.Add($"{JsonSerializer.Serialize(c.Text)} (addSpecial={addSpecial}):\n  expected [{string.Join(",", expected)}]\n  actual   [{string.Join(",", actual)}]");
            }
        }
        var line = $"{folder}: {matched}/{total} golden encodings exact";
        output.WriteLine(line);
        Console.WriteLine(line);
        foreach (var f in failures) output.WriteLine(f);
        Assert.True(total > 0, $"{folder}: no golden cases read");
        Assert.True(matched == total, line + "\n" + string.Join("\n", failures));
    }
}
