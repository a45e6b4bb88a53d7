using System.Text;

namespace RefusalSae.Experiments.Data;

/// <summary>One record of a delimited file: its fields and the 1-based line on which it starts.</summary>
public sealed record DelimitedRow(long Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 reader with a configurable delimiter (',' for CSV, '\t' for WildJailbreak's TSV): fields may be quoted with
/// '"', quotes inside are doubled, and quoted fields may span lines. Records end at LF or CRLF. A quote inside an
/// unquoted field is kept literally, as pandas does; text after a closing quote other than a delimiter is an error.
/// </summary>
public static class DelimitedReader
{
    public static IReadOnlyList<DelimitedRow> Parse(string path, string text, char delimiter)
    {
        var rows = new List<DelimitedRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        long line = 1, rowStart = 1;
        var i = 0;
        var atFieldStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (atFieldStart && c == '"')
            {
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new DataFormatException(path, quoteLine, "quoted field is not closed before the end of the file");
                    var q = text[i];
                    if (q == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (q == '\n') line++;
                    field.Append(q);
                    i++;
                }
                if (i < text.Length && text[i] != delimiter && text[i] != '\n' && !(text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
                    throw new DataFormatException(path, line, $"unexpected '{text[i]}' after a closing quote (expected the delimiter or the end of the line)");
                atFieldStart = false;
                continue;
            }
            if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); atFieldStart = true; i++; continue; }
            if (c == '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                fields.Add(field.ToString()); field.Clear();
                rows.Add(new DelimitedRow(rowStart, [.. fields])); fields.Clear();
                i += c == '\r' ? 2 : 1;
                line++; rowStart = line; atFieldStart = true;
                continue;
            }
            field.Append(c); atFieldStart = false; i++;
        }
        if (!atFieldStart || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add(new DelimitedRow(rowStart, [.. fields]));
        }
        return rows;
    }

    /// <summary>Parses a file with a header row; every record must have as many fields as the header.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<DelimitedRow> Rows) ReadWithHeader(string path, char delimiter)
    {
        var all = Parse(path, TextSource.ReadText(path), delimiter);
        if (all.Count == 0) throw new DataFormatException(path, 1, "file is empty (expected a header row)");
        var header = all[0].Fields;
        foreach (var row in all.Skip(1))
            if (row.Fields.Count != header.Count)
                throw new DataFormatException(path, row.Line, $"expected {header.Count} fields ({string.Join(", ", header)}), found {row.Fields.Count}");
        return (header, [.. all.Skip(1)]);
    }

    /// <summary>Index of a required column, or an error naming the columns that are there.</summary>
    public static int Column(IReadOnlyList<string> header, string name, string path)
    {
        for (var i = 0; i < header.Count; i++) if (header[i] == name) return i;
        throw new DataFormatException(path, 1, $"missing column '{name}' (header: {string.Join(", ", header)})");
    }

    public static int? OptionalColumn(IReadOnlyList<string> header, string name)
    {
        for (var i = 0; i < header.Count; i++) if (header[i] == name) return i;
        return null;
    }
}
