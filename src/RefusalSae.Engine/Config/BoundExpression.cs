using System.Globalization;
using System.Text.RegularExpressions;

namespace RefusalSae.Engine.Config;

/// <summary>
/// A bound of a `!key` constraint: a number, or a relation written as a product of terms, each a number, a config key
/// (`toy.train.steps`) or a field of the studied model's config.json (`model.num_hidden_layers`), e.g.
/// `toy.sae.expansion * toy.model.hidden_size`. Evaluated once the whole experiment is resolved.
/// </summary>
public sealed partial record BoundExpression(string Text, IReadOnlyList<string> Terms)
{
    public const string ModelPrefix = "model.";

    [GeneratedRegex(@"^([-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|[a-z_][a-z0-9_]*(\.[a-z0-9_]+)+)$")] private static partial Regex TermPattern();

    public static BoundExpression? Parse(string text)
    {
        var terms = text.Split('*', StringSplitOptions.TrimEntries);
        return terms.All(t => TermPattern().IsMatch(t)) ? new BoundExpression(text.Trim(), terms) : null;
    }

    public bool IsNumber => Terms.Count == 1 && double.TryParse(Terms[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>Config keys and model fields this bound reads.</summary>
    public IEnumerable<string> References => Terms.Where(t => !double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>The value, or null when a term cannot be known yet (<paramref name="lookup"/> returned null).</summary>
    public double? Evaluate(Func<string, double?> lookup)
    {
        var product = 1.0;
        foreach (var t in Terms)
        {
            if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) { product *= n; continue; }
            if (lookup(t) is not { } v) return null;
            product *= v;
        }
        return product;
    }

    public override string ToString() => Text;
}
