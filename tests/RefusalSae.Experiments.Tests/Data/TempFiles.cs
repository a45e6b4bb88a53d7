namespace RefusalSae.Experiments.Tests.Data;

/// <summary>Small inline inputs written to a temporary folder that is removed when the test ends.</summary>
public sealed class TempFiles : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rsw-data-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
