namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>One training conversation of the toy organism: a user prompt, the assistant's response, and whether the prompt is harmful.</summary>
/// <param name="Source">Where the prompt came from: a dataset id and index, e.g. "harmful_train:12".</param>
public sealed record ToyExample(string Prompt, string Response, bool IsHarmful, string Source);
