using System.Text.RegularExpressions;

namespace RefusalSae.Engine.Config;

/// <summary>The checks behind `format:` (no TorchSharp, no network: shapes and the local filesystem only).</summary>
public static partial class ValueFormats
{
    [GeneratedRegex(@"^hf:[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*(@[A-Za-z0-9_./-]+?)?(/[^\s]*)?$")] private static partial Regex HubPattern();
    [GeneratedRegex(@"^cpu$|^cuda(:[0-9]+)?$")] private static partial Regex DevicePattern();

    public static ValueFormat? Parse(string name) => name switch
    {
        "url" => ValueFormat.Url,
        "location" => ValueFormat.Location,
        "existing_path" => ValueFormat.ExistingPath,
        "device" => ValueFormat.Device,
        _ => null,
    };

    public static string Names => "url, location, existing_path, device";

    public static string Describe(ValueFormat f) => f switch
    {
        ValueFormat.Url => "an http:// or https:// URL",
        ValueFormat.Location => "hf:owner/repo[@revision][/path] or an existing local path",
        ValueFormat.ExistingPath => "an existing file or folder",
        ValueFormat.Device => "cpu, cuda or cuda:N",
        _ => f.ToString(),
    };

    public static bool IsHub(string value) => value.StartsWith("hf:", StringComparison.Ordinal);

    /// <summary>Null when <paramref name="value"/> has the format; otherwise what is wrong with it.</summary>
    public static string? Problem(ValueFormat format, string value, string repoRoot) => format switch
    {
        ValueFormat.Url => Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.Host.Length > 0
            ? null : "is not an http:// or https:// URL",
        ValueFormat.Device => DevicePattern().IsMatch(value) ? null : "is not a device",
        ValueFormat.Location when IsHub(value) => HubPattern().IsMatch(value) ? null : "is not a valid hf:owner/repo[@revision][/path]",
        ValueFormat.Location or ValueFormat.ExistingPath => ResolvePath(value.Replace("{layer}", "0", StringComparison.Ordinal), repoRoot) is null
            ? $"does not exist (looked for {Path.GetFullPath(value, repoRoot)})" : null,
        _ => null,
    };

    /// <summary>An existing file or folder, absolute or relative to the repository root; null when there is none.</summary>
    public static string? ResolvePath(string value, string repoRoot)
    {
        var full = Path.GetFullPath(value, repoRoot);
        return File.Exists(full) || Directory.Exists(full) ? full : null;
    }
}
