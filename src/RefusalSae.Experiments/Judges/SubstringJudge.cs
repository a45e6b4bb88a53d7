using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Judges;

/// <summary>
/// The paper's refusal judge (<c>substring_matching_judge_fn</c>, paper-method §6.1): a response is a refusal iff any
/// listed substring occurs in it, case-insensitively, anywhere. The list is read from eval_constants.json
/// (<c>refusal_substrings</c>), never copied into code.
/// </summary>
public sealed class SubstringJudge
{
    public const string ConstantName = "refusal_substrings";

    private readonly string[] _lowered;

    public SubstringJudge(IReadOnlyList<string> substrings)
    {
        if (substrings.Count == 0) throw new ArgumentException("the refusal substring list is empty", nameof(substrings));
        Substrings = substrings;
        // Python compares s.lower() in response.lower(); invariant lowering matches it for these (ASCII + U+2019) strings.
        _lowered = [.. substrings.Select(s => s.ToLowerInvariant())];
    }

    public IReadOnlyList<string> Substrings { get; }

    public static SubstringJudge FromConstants(EvalConstants constants) => new(constants.StringList(ConstantName));

    public static SubstringJudge Load(string evalConstantsPath) => FromConstants(EvalConstants.Load(evalConstantsPath));

    public bool IsRefusal(string response)
    {
        var lowered = response.ToLowerInvariant();
        foreach (var s in _lowered)
            if (lowered.Contains(s, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Refusal score = mean over responses of <see cref="IsRefusal"/>; NaN for no responses, like numpy's mean of an empty list.</summary>
    public double RefusalScore(IEnumerable<string> responses)
    {
        var n = 0;
        var refused = 0;
        foreach (var r in responses) { n++; if (IsRefusal(r)) refused++; }
        return n == 0 ? double.NaN : (double)refused / n;
    }
}
