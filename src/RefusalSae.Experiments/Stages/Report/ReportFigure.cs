namespace RefusalSae.Experiments.Stages.Report;

/// <summary>A stage's figure: its name relative to the stage folder ('/' separators) and the PNG's path, embedded into the page.</summary>
public sealed record ReportFigure(string Title, string Png);
