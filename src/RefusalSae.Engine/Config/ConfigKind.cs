namespace RefusalSae.Engine.Config;

/// <summary>The type of a config key: the type of its default in experiments/defaults.yaml, or the `!required TYPE` tag.</summary>
public enum ConfigKind { Int, Float, Bool, String, Ints, Floats, Strings }

/// <summary>Names used in `!required TYPE` tags and in error messages.</summary>
public static class ConfigKinds
{
    public static string Name(ConfigKind k) => k switch
    {
        ConfigKind.Int => "int",
        ConfigKind.Float => "float",
        ConfigKind.Bool => "bool",
        ConfigKind.String => "string",
        ConfigKind.Ints => "ints",
        ConfigKind.Floats => "floats",
        ConfigKind.Strings => "strings",
        _ => throw new ArgumentOutOfRangeException(nameof(k)),
    };

    public static ConfigKind? Parse(string name) => name switch
    {
        "int" => ConfigKind.Int,
        "float" => ConfigKind.Float,
        "bool" => ConfigKind.Bool,
        "string" => ConfigKind.String,
        "ints" or "list<int>" => ConfigKind.Ints,
        "floats" or "list<float>" => ConfigKind.Floats,
        "strings" or "list<string>" => ConfigKind.Strings,
        _ => null,
    };

    public static ConfigKind? ElementOf(ConfigKind list) => list switch
    {
        ConfigKind.Ints => ConfigKind.Int,
        ConfigKind.Floats => ConfigKind.Float,
        ConfigKind.Strings => ConfigKind.String,
        _ => null,
    };
}
