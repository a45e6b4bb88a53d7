using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Engine.Config;

/// <summary>Loads one YAML document strictly and names the place of every error (file(line,col)).</summary>
public static class YamlFile
{
    /// <summary>Parses <paramref name="path"/>; <paramref name="display"/> is the repo-relative name used in errors.</summary>
    public static YamlMappingNode LoadMapping(string path, string display)
    {
        if (!File.Exists(path))
            throw new WorkflowException("RSW002", $"file not found: {display}", new SourceLocation(display, 0, 0));
        var text = File.ReadAllText(path);
        CheckIndentation(text, display);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e) when (Clean(e).StartsWith("Duplicate key ", StringComparison.Ordinal))
        {
            throw new WorkflowException("RSW005", $"duplicate key '{Clean(e)["Duplicate key ".Length..]}'", SourceLocation.Of(display, e.Start));
        }
        catch (YamlException e)
        {
            throw new WorkflowException("RSW001", $"invalid YAML: {Clean(e)}", SourceLocation.Of(display, e.Start));
        }
        if (stream.Documents.Count == 0) return new YamlMappingNode();
        if (stream.Documents.Count > 1)
            throw new WorkflowException("RSW001", "expected one YAML document, found several (---)", SourceLocation.Of(display, stream.Documents[1].RootNode));
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Tag.IsEmpty: true, Value: "" or "~" or "null" }) return new YamlMappingNode();
        return root as YamlMappingNode
            ?? throw new WorkflowException("RSW003", "expected a mapping (key: value lines) at the top level", SourceLocation.Of(display, root));
    }

    /// <summary>Keys of a mapping as strings; a non-scalar or duplicate key is an error.</summary>
    public static IEnumerable<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string display)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            if (k is not YamlScalarNode { Value: { Length: > 0 } key } keyNode)
                throw new WorkflowException("RSW004", "expected a plain key", SourceLocation.Of(display, k));
            if (!seen.Add(key))
                throw new WorkflowException("RSW005", $"duplicate key '{key}'", SourceLocation.Of(display, k));
            yield return (key, keyNode, v);
        }
    }

    /// <summary>YamlDotNet reports a tab in indentation at the start of the enclosing mapping; we name the line.</summary>
    private static void CheckIndentation(string text, string display)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
                throw new WorkflowException("RSW001", "invalid YAML: a tab in the indentation (YAML indents with spaces)", new SourceLocation(display, i + 1, tab + 1));
        }
    }

    private static string Clean(YamlException e)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 1, Idx: ...) - (...): "; we print the location ourselves.
        var m = e.Message;
        var i = m.LastIndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? m[(i + 3)..] : m;
    }
}
