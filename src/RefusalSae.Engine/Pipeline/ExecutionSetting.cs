namespace RefusalSae.Engine.Pipeline;

/// <summary>A config key declared under `execution:` in experiments/pipeline.yaml: read by stages, left out of keys.</summary>
public sealed record ExecutionSetting(string Key, string Reason, SourceLocation DeclaredAt);
