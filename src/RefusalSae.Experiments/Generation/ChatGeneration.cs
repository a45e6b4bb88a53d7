using RefusalSae.Core.Chat;
using RefusalSae.Core.Generation;
using RefusalSae.Core.Models;
using RefusalSae.Core.Tensors;
using RefusalSae.Core.Tokenization;
using TorchSharp;

namespace RefusalSae.Experiments.Generation;

/// <summary>
/// Greedy chat completions for a batch of user prompts: render with the model's chat template, left-pad, generate
/// through the KV cache (hooks installed on the model apply at every step), decode the new tokens up to the first
/// stop token. The same path serves the behaviour targets, the jailbreak benchmark and refusal induction.
/// </summary>
public sealed class ChatGeneration(ICausalLM model, ChatEncoder chat, IReadOnlyList<long> stopIds)
{
    public ICausalLM Model { get; } = model;
    public ChatEncoder Chat { get; } = chat;

    public IReadOnlyList<string> Complete(IReadOnlyList<string> prompts, int maxNewTokens)
    {
        using var scope = torch.NewDisposeScope();
        var tok = Chat.Tokenizer;
        var batch = BatchEncoding.LeftPad(prompts.Select(Chat.Encode).ToList(), tok.PadId);
        var ids = torch.tensor(batch.InputIds, device: Model.Device);                                        // (B, T)
        var mask = torch.tensor(batch.AttentionMask, device: Model.Device);                                  // (B, T)
        var options = new GenerationOptions { MaxNewTokens = maxNewTokens, PadId = tok.PadId, StopIds = stopIds };
        var sequences = TextGenerator.Generate(Model, ids, mask, options);               // (B, T + N)
        var t = batch.Length;
        var result = new List<string>(prompts.Count);
        for (var b = 0; b < prompts.Count; b++)
        {
            var row = HostRead.Longs(sequences[b].slice(0, t, sequences.shape[1], 1));
            var stop = Array.FindIndex(row, id => stopIds.Contains(id));
            var kept = (stop < 0 ? row : row[..stop]).Select(id => (int)id);
            result.Add(tok.Decode(kept, skipSpecialTokens: true));
        }
        return result;
    }
}
