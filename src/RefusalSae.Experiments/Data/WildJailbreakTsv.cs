namespace RefusalSae.Experiments.Data;

/// <summary>
/// Loader for WildJailbreak TSVs (catalog format <c>wildjailbreak-tsv</c>): tab-separated, CSV double-quote quoting,
/// fields with embedded newlines. The eval file has columns <c>adversarial, label, data_type</c>; the train file has
/// <c>vanilla, adversarial, tactics, completion, data_type</c> and no label, so the label comes from data_type
/// (<c>*_harmful</c> = 1). When both exist they must agree. Rows without text are kept (Text is null): the paper
/// drops them when it selects, and the selection is where that belongs.
/// </summary>
public static class WildJailbreakTsv
{
    public const string Format = "wildjailbreak-tsv";

    private static readonly HashSet<string> DataTypes =
        ["adversarial_harmful", "adversarial_benign", "vanilla_harmful", "vanilla_benign"];

    public static IReadOnlyList<WildJailbreakRow> Load(string path)
    {
        var (header, rows) = DelimitedReader.ReadWithHeader(path, '\t');
        var dataType = DelimitedReader.Column(header, "data_type", path);
        var adversarial = DelimitedReader.OptionalColumn(header, "adversarial");
        var vanilla = DelimitedReader.OptionalColumn(header, "vanilla");
        var label = DelimitedReader.OptionalColumn(header, "label");
        if (adversarial is null && vanilla is null)
            throw new DataFormatException(path, 1, $"expected a column 'adversarial' or 'vanilla' (header: {string.Join(", ", header)})");
        var stem = Path.GetFileNameWithoutExtension(path);
        var result = new List<WildJailbreakRow>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var type = row.Fields[dataType];
            if (!DataTypes.Contains(type))
                throw new DataFormatException(path, row.Line, $"data_type '{type}' is not one of {string.Join(", ", DataTypes)}");
            var harmful = type.EndsWith("_harmful", StringComparison.Ordinal) ? 1 : 0;
            if (label is { } l && row.Fields[l] != harmful.ToString(System.Globalization.CultureInfo.InvariantCulture))
                throw new DataFormatException(path, row.Line, $"label '{row.Fields[l]}' disagrees with data_type '{type}' (expected {harmful})");
            result.Add(new WildJailbreakRow($"{stem}:{i}", row.Line, Cell(row, adversarial), Cell(row, vanilla), harmful, type));
        }
        return result;
    }

    private static string? Cell(DelimitedRow row, int? column) =>
        column is { } c && row.Fields[c].Length > 0 ? row.Fields[c] : null;
}
