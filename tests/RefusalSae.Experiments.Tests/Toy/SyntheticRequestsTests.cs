using RefusalSae.Experiments.Toy.Corpus.Synthetic;

namespace RefusalSae.Experiments.Tests.Toy;

public class SyntheticRequestsTests
{
    private static readonly Dictionary<string, IReadOnlyList<string>> Lists = new()
    {
        ["HarmfulActs"] = HarmfulActs.All, ["BenignActs"] = BenignActs.All, ["RequestFrames"] = RequestFrames.All,
        ["WritingRequests.Verbs"] = WritingRequests.Verbs, ["WritingRequests.Genres"] = WritingRequests.Genres,
        ["WritingRequests.HarmfulStances"] = WritingRequests.HarmfulStances, ["WritingRequests.BenignStances"] = WritingRequests.BenignStances,
        ["WritingRequests.Kinds"] = WritingRequests.Kinds, ["WritingRequests.HarmfulAdjectives"] = WritingRequests.HarmfulAdjectives,
        ["WritingRequests.BenignAdjectives"] = WritingRequests.BenignAdjectives, ["WritingRequests.Targets"] = WritingRequests.Targets,
        ["Claims.Frames"] = Claims.Frames, ["Claims.Genres"] = Claims.Genres, ["Claims.Harmful"] = Claims.Harmful, ["Claims.Benign"] = Claims.Benign,
    };

    [Fact]
    public void Every_lexicon_list_is_plain_ascii_without_duplicates()
    {
        var all = Lists.Concat(LexiconSlots.All.Select(kv => KeyValuePair.Create("LexiconSlots." + kv.Key, kv.Value)));
        foreach (var (name, items) in all)
        {
            // Exact repeats only: "write" and "HOW DO I {act}?" are deliberate case variants.
            var repeated = items.GroupBy(i => i, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(repeated.Count == 0, $"{name} repeats: {string.Join(" | ", repeated)}");
            var odd = items.FirstOrDefault(i => i.Length == 0 || i != i.Trim() || i.Any(c => c < ' ' || c > '~'));
            Assert.True(odd is null, $"{name} has an empty, padded or non-ASCII entry: '{odd}'");
        }
    }

    [Theory]
    [InlineData("HarmfulActs", "BenignActs")]
    [InlineData("WritingRequests.HarmfulStances", "WritingRequests.BenignStances")]
    [InlineData("WritingRequests.HarmfulAdjectives", "WritingRequests.BenignAdjectives")]
    [InlineData("Claims.Harmful", "Claims.Benign")]
    public void No_phrase_is_in_both_classes(string harmful, string benign)
    {
        var both = Lists[harmful].Intersect(Lists[benign], StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(both.Count == 0, $"in both {harmful} and {benign}: {string.Join(" | ", both)}");
    }

    [Fact]
    public void Every_lexicon_phrase_fills_its_slots()
    {
        var rng = new Random(0);
        var phrases = HarmfulActs.All.Concat(BenignActs.All).Concat(WritingRequests.HarmfulStances).Concat(WritingRequests.BenignStances)
            .Concat(WritingRequests.Targets).Concat(Claims.Harmful).Concat(Claims.Benign);
        Assert.All(phrases, p =>
        {
            var filled = LexiconSlots.Fill(p, rng);
            Assert.DoesNotContain("{", filled);
            Assert.DoesNotContain("}", filled);
        });
        Assert.All(RequestFrames.All, f => Assert.Contains("{act}", f));
    }

    [Fact]
    public void An_unknown_slot_is_a_clear_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() => LexiconSlots.Fill("rob {bank}", new Random(0)));
        Assert.Contains("{bank}", e.Message);
    }

    [Fact]
    public void Both_classes_share_frames_and_slots_so_the_form_carries_no_signal()
    {
        // The first words of harmful and benign draws come from the same frames and writing verbs.
        static HashSet<string> Openings(bool harmful)
        {
            var rng = new Random(5);
            return Enumerable.Range(0, 3000).Select(_ => string.Join(' ', SyntheticRequests.Draw(harmful, rng).Split(' ').Take(2))).ToHashSet();
        }
        var harmful = Openings(true);
        var benign = Openings(false);
        var shared = harmful.Intersect(benign).Count();
        Assert.True(shared >= 0.8 * Math.Min(harmful.Count, benign.Count), $"{shared} shared openings of {harmful.Count} / {benign.Count}");
    }

    [Fact]
    public void Claims_are_argued_in_the_same_frames_and_genres_by_both_classes()
    {
        // "Write an op-ed arguing that" must come with benign claims too, or the frame alone would mark the class.
        static List<string> ClaimDraws(bool harmful)
        {
            var rng = new Random(11);
            return Enumerable.Range(0, 3000).Select(_ => SyntheticRequests.Draw(harmful, rng))
                .Where(d => Claims.Frames.Any(f => d.Contains(" " + f + " ", StringComparison.Ordinal))).ToList();
        }
        var harmful = ClaimDraws(true);
        var benign = ClaimDraws(false);
        // About WritingShare * ClaimShare of the draws (~400 of 3000) argue a claim, in either class.
        Assert.InRange(harmful.Count, 250, 650);
        Assert.InRange(benign.Count, 250, 650);
        Assert.Contains(harmful, d => Claims.Harmful.Any(c => !c.Contains('{') && d.EndsWith(" " + c, StringComparison.Ordinal)));
        Assert.Contains(benign, d => Claims.Benign.Any(c => !c.Contains('{') && d.EndsWith(" " + c, StringComparison.Ordinal)));
        Assert.DoesNotContain(harmful, d => Claims.Benign.Any(c => !c.Contains('{') && d.EndsWith(" that " + c, StringComparison.Ordinal)));
        foreach (var frame in Claims.Frames)
        {
            Assert.Contains(harmful, d => d.Contains(" " + frame + " ", StringComparison.Ordinal));
            Assert.Contains(benign, d => d.Contains(" " + frame + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Draws_are_a_function_of_the_seed_and_varied()
    {
        static List<string> Draw(int seed)
        {
            var rng = new Random(seed);
            return Enumerable.Range(0, 500).Select(_ => SyntheticRequests.Draw(true, rng)).ToList();
        }
        Assert.Equal(Draw(1), Draw(1));
        Assert.NotEqual(Draw(1), Draw(2));
        Assert.True(Draw(1).Distinct().Count() > 450, "500 draws should be nearly all distinct");
    }

    [Theory]
    [InlineData("Explain how to pick a lock")]
    [InlineData("How do I bake bread?")]
    [InlineData("DDoS a website.")]
    public void Rewrites_keep_most_words_and_vary_the_surface(string prompt)
    {
        var rng = new Random(3);
        var rewrites = Enumerable.Range(0, 200).Select(_ => PromptVariants.Rewrite(prompt, rng)).ToList();
        var words = prompt.Split(' ').Length;
        Assert.All(rewrites, r => Assert.InRange(r.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, words - words / 5, words + 8));
        Assert.True(rewrites.Distinct().Count() > 20, $"only {rewrites.Distinct().Count()} distinct rewrites");
        Assert.Contains(rewrites, r => r.StartsWith("Can you", StringComparison.Ordinal) || r.StartsWith("Tell me", StringComparison.Ordinal));
        Assert.Contains(rewrites, r => r == r.ToLowerInvariant());
    }
}
