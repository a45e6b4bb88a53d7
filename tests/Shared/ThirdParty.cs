namespace RefusalSae.Testing;

/// <summary>
/// Third-party files (datasets, tokenizers, the HarmBench prompt) are never committed; tests read them from ../shared.
/// When one is absent the test skips and names it, unless RSW_REQUIRE_THIRD_PARTY=1 (set by .ci/run), where it fails.
/// </summary>
public static class ThirdParty
{
    public static bool Required => Environment.GetEnvironmentVariable("RSW_REQUIRE_THIRD_PARTY") == "1";

    /// <summary>Returns <paramref name="path"/> when it exists; otherwise skips (or fails under CI) naming it.</summary>
    public static string Require(string path)
    {
        if (File.Exists(path) || Directory.Exists(path)) return path;
        var message = $"third-party file absent: {path}";
        if (Required) Assert.Fail(message + " (RSW_REQUIRE_THIRD_PARTY=1 turns this skip into a failure)");
        Assert.Skip(message);
        return path;
    }
}
