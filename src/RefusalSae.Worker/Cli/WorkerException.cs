namespace RefusalSae.Worker.Cli;

/// <summary>An expected failure (bad input, missing file): printed as `error CODE: message`, exit code 1.</summary>
public sealed class WorkerException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
