namespace RefusalSae.Experiments.Data;

/// <summary>One CATQA question with its category and subcategory (the subcategory keeps the file's spelling, trailing ':' included).</summary>
public sealed record CatqaQuestion(string Id, string Category, string Subcategory, string Question);
