namespace RefusalSae.Core.Models;

/// <summary>The decoder families this port implements; chosen from config.json's "architectures".</summary>
public enum ModelArchitecture
{
    /// <summary>Gemma2ForCausalLM (gemma-2-2b-it): sandwich norms, softcaps, sliding window on even layers.</summary>
    Gemma2,

    /// <summary>LlamaForCausalLM: Llama-3.1 (llama3 RoPE scaling, GQA) and Llama-2 (HarmBench classifier).</summary>
    Llama,
}
