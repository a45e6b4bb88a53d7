namespace RefusalSae.Engine;

/// <summary>
/// An expected workflow failure with a stable code and, when known, the place: the MSBuild task turns it into
/// `file(line,col): error CODE: message`. Codes: RSW0xx config/YAML, RSW1xx pipeline, RSW2xx datasets,
/// RSW4xx cache and stage runs.
/// </summary>
public sealed class WorkflowException(string code, string message, SourceLocation? location = null) : Exception(message)
{
    public string Code { get; } = code;
    public SourceLocation? Location { get; } = location;

    public override string ToString() =>
        Location is { } l ? $"{l}: error {Code}: {Message}" : $"error {Code}: {Message}";
}
