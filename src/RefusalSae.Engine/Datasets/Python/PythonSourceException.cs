namespace RefusalSae.Engine.Datasets.Python;

/// <summary>A Python source file did not hold the constant expected; <see cref="Line"/> is 1-based in that file (or cell).</summary>
public sealed class PythonSourceException(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}
