namespace RefusalSae.Core.Tests.Models;

/// <summary>A scratch folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("rsw-models-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Copies a fixture snapshot's config.json and model.safetensors here.</summary>
    public TempFolder WithSnapshot(string fixtureFolder)
    {
        foreach (var f in new[] { "config.json", "model.safetensors" })
            System.IO.File.Copy(System.IO.Path.Combine(fixtureFolder, f), File(f));
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
