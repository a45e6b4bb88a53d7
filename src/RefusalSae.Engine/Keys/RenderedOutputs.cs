namespace RefusalSae.Engine.Keys;

/// <summary>
/// Which output files are renderings (figures, Markdown tables, HTML) rather than data. A downstream stage's key and
/// every per-item key use an upstream stage's <em>data</em> hash, which leaves renderings out, so a change to how a
/// figure or table looks reruns only that rendering and the stages that declare <c>reads_rendered: true</c> (the
/// report), never the computations downstream. A stage must not compute from another stage's renderings.
/// </summary>
public static class RenderedOutputs
{
    private static readonly string[] Extensions = [".png", ".svg", ".pdf", ".md", ".html"];

    public static bool IsRendered(string relativePath) =>
        Extensions.Any(e => relativePath.EndsWith(e, StringComparison.OrdinalIgnoreCase));
}
