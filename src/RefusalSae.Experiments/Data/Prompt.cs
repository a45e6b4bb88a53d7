namespace RefusalSae.Experiments.Data;

/// <summary>One instruction of a prompt set. <paramref name="Id"/> is "{file stem}:{0-based index}", stable across runs.</summary>
public sealed record Prompt(string Id, string Instruction, string? Category);
