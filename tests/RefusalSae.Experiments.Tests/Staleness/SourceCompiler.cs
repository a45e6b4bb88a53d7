using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RefusalSae.Testing;

namespace RefusalSae.Experiments.Tests.Staleness;

/// <summary>
/// Compiles a project's sources (optionally edited) into a scratch folder with Roslyn, the way the SDK does for Debug:
/// reference assemblies of the framework, the packages beside the test binary, implicit usings, the regex source
/// generator. Used to compare the code identity of a real edit against the unedited sources, in seconds.
/// </summary>
internal static class SourceCompiler
{
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly Lazy<(IReadOnlyList<MetadataReference> Framework, string? Analyzers)> FrameworkRefs = new(FindFramework);

    /// <summary>Compiles src/<paramref name="project"/> with <paramref name="edit"/> applied to each (relative path, text); returns the dll path.</summary>
    public static string Compile(string project, string outDir, Func<string, string, string> edit, IEnumerable<string> references)
    {
        var root = Path.Combine(Paths.RepoRoot, "src", project);
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(root, f)))
            .Order(StringComparer.Ordinal)
            .Select(f => CSharpSyntaxTree.ParseText(edit(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)), parse, f))
            .Append(CSharpSyntaxTree.ParseText(Generated(project), parse, "generated.cs"))
            .ToList();
        var (framework, analyzers) = FrameworkRefs.Value;
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Debug, deterministic: true, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable);
        Compilation compilation = CSharpCompilation.Create(project, trees,
            [.. framework, .. references.Select(r => MetadataReference.CreateFromFile(r))], options);
        if (analyzers is not null)
        {
            var generators = new AnalyzerFileReference(analyzers, new Loader()).GetGenerators(LanguageNames.CSharp);
            CSharpGeneratorDriver.Create(generators.ToArray(), parseOptions: parse).RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
        }
        Directory.CreateDirectory(outDir);
        var dll = Path.Combine(outDir, project + ".dll");
        using (var stream = File.Create(dll))
        {
            var result = compilation.Emit(stream);
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
            if (!result.Success) throw new InvalidOperationException($"{project} did not compile: {string.Join("; ", errors)}");
        }
        return dll;
    }

    private static bool IsBuildOutput(string relative) =>
        relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Global usings and the InternalsVisibleTo items of the project file, as the SDK generates them.</summary>
    private static string Generated(string project)
    {
        var csproj = File.ReadAllText(Path.Combine(Paths.RepoRoot, "src", project, project + ".csproj"));
        var friends = System.Text.RegularExpressions.Regex.Matches(csproj, "<InternalsVisibleTo Include=\"([^\"]+)\"").Select(m => m.Groups[1].Value);
        return string.Join("\n", ImplicitUsings.Select(u => $"global using global::{u};")
            .Concat(friends.Select(f => $"[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"{f}\")]")));
    }

    /// <summary>The targeting pack's reference assemblies and the regex generator (packs/Microsoft.NETCore.App.Ref/VERSION).</summary>
    private static (IReadOnlyList<MetadataReference>, string?) FindFramework()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();   // dotnet/shared/Microsoft.NETCore.App/VERSION/
        var dotnet = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var pack = Directory.Exists(Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref"))
            ? Directory.GetDirectories(Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref")).Order(StringComparer.Ordinal).Last()
            : throw new InvalidOperationException($"no targeting pack under {dotnet}/packs");
        var refs = Directory.GetFiles(Path.Combine(pack, "ref", "net10.0"), "*.dll").Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
        var generator = Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.RegularExpressions.Generator.dll");
        return (refs, File.Exists(generator) ? generator : null);
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath) { }
        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
