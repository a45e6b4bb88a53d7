using System.Reflection;

namespace RefusalSae.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project benchmarks/RefusalSae.Benchmarks -- NAME [args]`. Benchmarks are the
/// <see cref="IBenchmark"/> classes in this assembly: adding one is adding a file.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var all = Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
            .ToDictionary(b => b.Name, StringComparer.Ordinal);
        if (args.Length == 0 || !all.TryGetValue(args[0], out var bench))
        {
            Console.WriteLine("usage: RefusalSae.Benchmarks NAME [args]");
            foreach (var b in all.Values.OrderBy(b => b.Name)) Console.WriteLine($"  {b.Name,-16} {b.Description}");
            return args.Length == 0 ? 0 : 2;
        }
        return bench.Run(args[1..]);
    }
}
