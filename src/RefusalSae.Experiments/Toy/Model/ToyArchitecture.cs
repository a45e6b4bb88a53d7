using RefusalSae.Core.Chat;
using RefusalSae.Core.Models;

namespace RefusalSae.Experiments.Toy.Model;

/// <summary>
/// The organism's architecture (<c>toy.model.architecture</c>) and what follows from it: the chat template it is trained
/// and served with, and the token that ends its turn. gemma2 is the default organism; llama3 is a small Llama-3.1 in
/// the real Llama layout, so the Llama paper configuration can be rehearsed on a CPU.
/// </summary>
public sealed record ToyArchitecture(string Name, ModelArchitecture Model, ChatFormat Chat, string EndOfTurn)
{
    public static readonly ToyArchitecture Gemma2 = new("gemma2", ModelArchitecture.Gemma2, ChatFormat.Gemma2, "<end_of_turn>");
    public static readonly ToyArchitecture Llama3 = new("llama3", ModelArchitecture.Llama, ChatFormat.Llama31, LlamaToyTokenizer.EndOfTurn);

    public static IReadOnlyList<ToyArchitecture> All { get; } = [Gemma2, Llama3];

    public static ToyArchitecture Parse(string name) =>
        All.FirstOrDefault(a => a.Name == name)
        ?? throw new ArgumentException($"toy.model.architecture: '{name}' is not an architecture; expected one of {string.Join(", ", All.Select(a => a.Name))}.");

    /// <summary>The architecture of a saved organism, read from its config.json.</summary>
    public static ToyArchitecture Of(ModelConfig config) => config.Architecture == ModelArchitecture.Llama ? Llama3 : Gemma2;
}
