namespace RefusalSae.Engine.Code;

/// <summary>
/// The code identity of one stage. <see cref="Code"/> covers everything its entry point can reach (the stage key);
/// <see cref="ItemCode"/> only what its item computations reach, i.e. the delegates it hands the item cache (the
/// per-item key), so rendering a table or figure from cached items never recomputes them. The counts are for reports.
/// </summary>
public sealed record StageCode(string Code, string ItemCode, int Methods, int ItemMethods, IReadOnlyList<string> Packages);
