namespace RefusalSae.Experiments.Data;

/// <summary>One row of tatsu-lab's <c>alpaca_data.json</c>: an instruction, its optional input and the reference output.</summary>
public sealed record AlpacaRecord(string Id, string Instruction, string Input, string Output);
