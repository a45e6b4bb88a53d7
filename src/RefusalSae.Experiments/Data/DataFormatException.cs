namespace RefusalSae.Experiments.Data;

/// <summary>A dataset file that does not have the shape its loader expects; the message names the file, the line and what was expected.</summary>
public sealed class DataFormatException(string file, long line, string message)
    : Exception(line > 0 ? $"{file}:{line}: {message}" : $"{file}: {message}")
{
    public string File { get; } = file;

    /// <summary>1-based line of the offending record, or 0 when the problem is the whole file.</summary>
    public long Line { get; } = line;
}
