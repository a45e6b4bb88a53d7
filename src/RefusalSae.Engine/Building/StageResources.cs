using System.Text.Json;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Pipeline;

namespace RefusalSae.Engine.Building;

/// <summary>
/// What one running stage occupies: CPU slots (its torch threads, or one for a light stage), the GPUs it computes on
/// (one stage per device) or nothing but a network wait (an HTTP judge). Declared per stage in pipeline.yaml as
/// `resources:` (literal or `${config.key}` entries); without a declaration a stage is torch work on the CPU, or on
/// every `cuda[:N]` device its config slice names.
/// </summary>
public sealed record StageResources(int CpuSlots, IReadOnlyList<int> Gpus, bool Http)
{
    public string Describe() =>
        string.Join(", ", new[]
        {
            CpuSlots > 0 ? $"{CpuSlots} CPU slot{(CpuSlots > 1 ? "s" : "")}" : null,
            Gpus.Count > 0 ? $"GPU {string.Join(",", Gpus)}" : null,
            Http ? "HTTP" : null,
        }.Where(s => s is not null));

    /// <summary>Known `resources:` values: light (one thread, no torch), cpu (torch threads), http (waits on a server), cuda[:N] (a GPU); a judge backend name maps to light / http / auto.</summary>
    public static StageResources Of(StageDeclaration stage, ResolvedConfig config, BuildOptions options)
    {
        var threads = Math.Min(Math.Max(1, options.StageThreads), Math.Max(1, options.CpuSlots));
        var declared = stage.Resources.Select(r => Resolve(r, config)).ToList();
        var kinds = declared.Count == 0 ? ["auto"] : declared;
        var gpus = new SortedSet<int>();
        var cpu = 0;
        var http = false;
        foreach (var kind in kinds)
        {
            switch (kind)
            {
                case "light" or "none": cpu = Math.Max(cpu, 1); break;
                case "http" or "openai": http = true; break;
                case "cpu": cpu = Math.Max(cpu, threads); break;
                case var d when Gpu(d) is { } g: gpus.Add(g); cpu = Math.Max(cpu, 1); break;
                default:   // auto / local: the devices its config names, else torch threads on the CPU
                    var named = Devices(config, stage).ToList();
                    foreach (var g in named) gpus.Add(g);
                    cpu = Math.Max(cpu, named.Count > 0 ? 1 : threads);
                    break;
            }
        }
        return new StageResources(cpu, gpus.ToList(), http);
    }

    private static string Resolve(string entry, ResolvedConfig config) =>
        PipelineDeclaration.IsReference(entry) && config.Values.TryGetValue(entry[2..^1], out var v) && v.Value?.GetValueKind() == JsonValueKind.String
            ? v.Value.GetValue<string>() : entry;

    private static int? Gpu(string device) =>
        device == "cuda" ? 0 : device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device[5..], out var n) ? n : null;

    private static IEnumerable<int> Devices(ResolvedConfig config, StageDeclaration stage) =>
        config.Values.Where(kv => (kv.Key == "device" || kv.Key.EndsWith(".device", StringComparison.Ordinal))
                                  && stage.Config.Any(p => kv.Key == p || kv.Key.StartsWith(p + ".", StringComparison.Ordinal)))
            .Select(kv => kv.Value.Value?.GetValueKind() == JsonValueKind.String ? Gpu(kv.Value.Value.GetValue<string>()) : null)
            .OfType<int>();
}
