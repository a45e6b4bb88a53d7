using RefusalSae.Core.Generation;
using RefusalSae.Core.Models;
using RefusalSae.Core.Tensors;
using RefusalSae.Core.Tokenization;
using TorchSharp;

namespace RefusalSae.Experiments.SideEffects;

/// <summary>
/// Greedy continuations of already-tokenized inputs (a rendered prompt plus appended text, paper-method §1.5): left-pad,
/// generate through the KV cache with whatever hooks are installed, decode the new tokens up to the first stop token
/// with special tokens skipped. <see cref="Generation.ChatGeneration"/> does the same for plain user prompts.
/// </summary>
public sealed class SequenceGeneration(ICausalLM model, ITextTokenizer tokenizer, IReadOnlyList<long> stopIds)
{
    public IReadOnlyList<string> Complete(IReadOnlyList<int[]> inputs, int maxNewTokens)
    {
        using var scope = torch.NewDisposeScope();
        var batch = BatchEncoding.LeftPad(inputs, tokenizer.PadId);
        var (ids, mask) = batch.ToTensors(model.Device);                                              // (B, T)
        var options = new GenerationOptions { MaxNewTokens = maxNewTokens, PadId = tokenizer.PadId, StopIds = stopIds };
        var sequences = TextGenerator.Generate(model, ids, mask, options);               // (B, T + N)
        var result = new List<string>(inputs.Count);
        for (var b = 0; b < inputs.Count; b++)
        {
            var row = HostRead.Longs(sequences[b].slice(0, batch.Length, sequences.shape[1], 1));
            var stop = Array.FindIndex(row, id => stopIds.Contains(id));
            result.Add(tokenizer.Decode((stop < 0 ? row : row[..stop]).Select(id => (int)id), skipSpecialTokens: true));
        }
        return result;
    }
}
