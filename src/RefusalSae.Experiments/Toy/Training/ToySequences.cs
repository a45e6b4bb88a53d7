using RefusalSae.Core.Chat;
using RefusalSae.Experiments.Toy.Corpus;

namespace RefusalSae.Experiments.Toy.Training;

/// <summary>
/// Tokenises conversations as the model will see them at generation time: the rendered user turn (which ends with
/// the generation prompt) is encoded on its own, and the response + the end-of-turn token (&lt;end_of_turn&gt;, or
/// &lt;|eot_id|&gt; for Llama-3) after it, so no BPE merge crosses the boundary where generation starts.
/// </summary>
public static class ToySequences
{
    public static List<TrainingSequence> Encode(ChatEncoder chat, IReadOnlyList<ToyExample> examples, int maxLength, string endOfTurn = "<end_of_turn>")
    {
        var result = new List<TrainingSequence>(examples.Count);
        foreach (var e in examples)
        {
            var prompt = chat.Encode(e.Prompt);
            if (prompt.Length >= maxLength - 1) continue;    // a prompt that leaves no room for an answer teaches nothing
            var response = chat.Tokenizer.Encode(e.Response + endOfTurn, addSpecialTokens: false);
            result.Add(new TrainingSequence([.. prompt, .. response], prompt.Length, e.IsHarmful));
        }
        return result;
    }
}
