namespace RefusalSae.Engine.Stages;

/// <summary>An expected stage failure (bad input, missing upstream file): printed as `error CODE: message`.</summary>
public sealed class StageException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
