namespace RefusalSae.Engine.Code;

/// <summary>
/// What one method body contributes: the hash of its token-free IL and the members it names. <see cref="Calls"/> are
/// methods called or whose address is taken (ldftn: lambdas, local functions); <see cref="VirtualCalls"/> are
/// callvirt/ldvirtftn/constrained targets, which also reach every override; <see cref="Reflected"/> are
/// types named as method generic arguments or by ldtoken (library code may construct them through reflection); <see cref="DelegateSites"/> pair each call
/// with the delegates created in the same body since the previous such call (to find what an item computation is).
/// </summary>
internal sealed record MethodFacts(
    string BodyHash,
    IReadOnlyList<string> Calls,
    IReadOnlyList<string> VirtualCalls,
    IReadOnlyList<string> Fields,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Reflected,
    IReadOnlyList<(string Callee, IReadOnlyList<string> Delegates)> DelegateSites);
