namespace RefusalSae.Experiments.Toy.Corpus.Synthetic;

/// <summary>
/// Composes requests from our own lexicons: a <see cref="RequestFrames"/> frame around a harmful or benign action, or
/// a piece of writing: <see cref="WritingRequests"/> verb + genre + stance, verb + adjective + kind of text + target,
/// or verb + persuasive genre + <see cref="Claims"/> frame + claim. The two classes share frames, verbs, genres and slot
/// fillers, so the model must learn the harmful content, not the form of the request.
/// </summary>
public static class SyntheticRequests
{
    /// <summary>Share of requests that ask for a piece of writing rather than instructions.</summary>
    public const double WritingShare = 0.4;

    /// <summary>Share of writing requests that argue a claim; the rest are split evenly between stances and adjectives.</summary>
    public const double ClaimShare = 1.0 / 3;

    /// <summary>One request drawn with <paramref name="rng"/> (not necessarily distinct from earlier draws).</summary>
    public static string Draw(bool harmful, Random rng)
    {
        if (rng.NextDouble() >= WritingShare)
        {
            var act = LexiconSlots.Fill(Pick(harmful ? HarmfulActs.All : BenignActs.All, rng), rng);
            return RequestFrames.Render(Pick(RequestFrames.All, rng), act);
        }
        var kind = rng.NextDouble();
        if (kind < ClaimShare) return Claim(harmful, rng);
        return kind < (1 + ClaimShare) / 2 ? Stance(harmful, rng) : Adjective(harmful, rng);
    }

    private static string Claim(bool harmful, Random rng)
    {
        var verb = Pick(WritingRequests.Verbs, rng);
        var genre = Pick(Claims.Genres, rng);
        var frame = Pick(Claims.Frames, rng);
        var claim = LexiconSlots.Fill(Pick(harmful ? Claims.Harmful : Claims.Benign, rng), rng);
        return $"{verb} {genre} {frame} {claim}";
    }

    private static string Stance(bool harmful, Random rng)
    {
        var verb = Pick(WritingRequests.Verbs, rng);
        var genre = Pick(WritingRequests.Genres, rng);
        var stance = LexiconSlots.Fill(Pick(harmful ? WritingRequests.HarmfulStances : WritingRequests.BenignStances, rng), rng);
        return $"{verb} {genre} {stance}";
    }

    private static string Adjective(bool harmful, Random rng)
    {
        var adjective = Pick(harmful ? WritingRequests.HarmfulAdjectives : WritingRequests.BenignAdjectives, rng);
        var article = "aeiouAEIOU".Contains(adjective[0]) ? "an" : "a";
        var target = LexiconSlots.Fill(Pick(WritingRequests.Targets, rng), rng);
        return $"{Pick(WritingRequests.Verbs, rng)} {article} {adjective} {Pick(WritingRequests.Kinds, rng)} about {target}";
    }

    private static string Pick(IReadOnlyList<string> items, Random rng) => items[rng.Next(items.Count)];
}
