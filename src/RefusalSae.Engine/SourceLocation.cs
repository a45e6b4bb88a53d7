using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Engine;

/// <summary>A place in a file, 1-based, printed MSBuild-style: `experiments/x.yaml(12,5)`. Line 0 = the file itself.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation Of(string file, YamlNode node) => Of(file, node.Start);

    public static SourceLocation Of(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}
