using System.Text.Json;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Selection;

namespace RefusalSae.Experiments.Stages.Paper.Split;

/// <summary>
/// paper-features' out-of-sample selection for one set (paper.features.selection_split, beyond the paper): the
/// direction and every method's global feature set chosen on <see cref="SelectionPrompts"/> only, to be tested on
/// <see cref="HeldOutPrompts"/>. Local methods (AP, Ours) have no per-prompt list for an unseen prompt, so they use
/// their global sets here. Written to split/{set}.json.
/// </summary>
public sealed record SplitSelection
{
    public required string Set { get; init; }
    public required IReadOnlyList<string> SelectionPrompts { get; init; }
    public required IReadOnlyList<string> HeldOutPrompts { get; init; }
    /// <summary>The refusal direction at the best layer from the selection half ([D]): what AS ablates.</summary>
    public required float[] Direction { get; init; }
    public required IReadOnlyList<FeatureRef> OursGlobal { get; init; }
    public required IReadOnlyList<FeatureRef> ApGlobal { get; init; }
    public required IReadOnlyList<FeatureRef> CosSim { get; init; }
    public required IReadOnlyList<FeatureRef> ActDiff { get; init; }
    public required IReadOnlyList<FeatureRef> Random { get; init; }

    public const string Folder = "split";

    public static string FileOf(string dir, string set) => Path.Combine(dir, Folder, $"{set}.json");

    /// <summary>True when paper-features ran with selection_split (its output has the split folder).</summary>
    public static bool Present(string dir) => Directory.Exists(Path.Combine(dir, Folder));

    public static SplitSelection Load(string dir, string set) =>
        JsonSerializer.Deserialize<SplitSelection>(File.ReadAllText(FileOf(dir, set)), SelectedFeatures.Json)
        ?? throw new InvalidDataException($"{FileOf(dir, set)}: empty.");

    public void Save(string dir)
    {
        Directory.CreateDirectory(Path.Combine(dir, Folder));
        File.WriteAllText(FileOf(dir, Set), JsonSerializer.Serialize(this, SelectedFeatures.Json));
    }
}
