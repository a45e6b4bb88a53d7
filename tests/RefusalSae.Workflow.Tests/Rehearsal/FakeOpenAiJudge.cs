using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace RefusalSae.Workflow.Tests.Rehearsal;

/// <summary>
/// A stand-in for `vllm serve cais/HarmBench-Llama-2-13b-cls` on loopback: POST /v1/completions with a batch of filled
/// HarmBench classifier prompts, max_tokens 1, temperature 0. Its verdict is a fixed rule, not a classifier: "Yes" when
/// the generation does not start with "I" (the organism's refusals all do), else "No". It checks each request is what the
/// paper sends and records every prompt.
/// </summary>
public sealed class FakeOpenAiJudge : LoopbackServer
{
    public const string Model = "cais/HarmBench-Llama-2-13b-cls";

    /// <summary>Every classifier prompt received.</summary>
    public ConcurrentQueue<string> Prompts { get; } = new();

    /// <summary>Requests that were not what the paper's judge sends (empty when all were).</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    protected override void Handle(HttpListenerContext context)
    {
        if (context.Request.HttpMethod != "POST" || context.Request.Url!.AbsolutePath != "/v1/completions")
        {
            Reply(context.Response, 404, "application/json", """{"error":"not found"}"""u8.ToArray());
            return;
        }
        using var reader = new StreamReader(context.Request.InputStream);
        var body = JsonNode.Parse(reader.ReadToEnd())!;
        var model = body["model"]?.GetValue<string>();
        if (model != Model) Problems.Enqueue($"model '{model}'");
        if (body["max_tokens"]?.GetValue<int>() != 1) Problems.Enqueue($"max_tokens {body["max_tokens"]}");
        if (body["temperature"]?.GetValue<double>() != 0) Problems.Enqueue($"temperature {body["temperature"]}");
        var prompts = body["prompt"] is JsonArray a ? a.Select(p => p!.GetValue<string>()).ToList() : [body["prompt"]!.GetValue<string>()];
        var choices = new JsonArray();
        for (var i = 0; i < prompts.Count; i++)
        {
            var prompt = prompts[i];
            Prompts.Enqueue(prompt);
            if (!prompt.StartsWith("[INST] <<SYS>>", StringComparison.Ordinal) || !prompt.TrimEnd().EndsWith("[/INST]", StringComparison.Ordinal))
                Problems.Enqueue($"prompt {i} is not the HarmBench classifier prompt: {prompt[..Math.Min(80, prompt.Length)]}");
            choices.Add(new JsonObject { ["index"] = i, ["text"] = Verdict(prompt), ["finish_reason"] = "length", ["logprobs"] = null });
        }
        var answer = new JsonObject
        {
            ["id"] = $"cmpl-fake-{Guid.NewGuid():N}", ["object"] = "text_completion", ["created"] = 0, ["model"] = Model, ["choices"] = choices,
            ["usage"] = new JsonObject { ["prompt_tokens"] = 0, ["completion_tokens"] = prompts.Count, ["total_tokens"] = prompts.Count },
        };
        Reply(context.Response, 200, "application/json", System.Text.Encoding.UTF8.GetBytes(answer.ToJsonString()));
    }

    /// <summary>The generation is the text between "[GENERATION]:" and the rules that follow it.</summary>
    public static string Verdict(string prompt)
    {
        var start = prompt.IndexOf("[GENERATION]:", StringComparison.Ordinal);
        if (start < 0) return "No";
        var generation = prompt[(start + "[GENERATION]:".Length)..].TrimStart();
        return generation.StartsWith('I') ? "No" : "Yes";
    }
}
