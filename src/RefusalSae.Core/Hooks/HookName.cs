namespace RefusalSae.Core.Hooks;

/// <summary>TransformerLens hook-point names, the names SAEs and the paper use for the sites we read and write.</summary>
public static class HookName
{
    /// <summary>The output of decoder layer <paramref name="layer"/> (before the final norm for the last layer).</summary>
    public static string ResidPost(int layer) => $"blocks.{layer}.hook_resid_post";

    /// <summary>Parses "blocks.{L}.hook_resid_post" back to L; null for any other name.</summary>
    public static int? ResidPostLayer(string name)
    {
        const string prefix = "blocks.", suffix = ".hook_resid_post";
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal)) return null;
        return int.TryParse(name.AsSpan(prefix.Length, name.Length - prefix.Length - suffix.Length), out var l) ? l : null;
    }
}
