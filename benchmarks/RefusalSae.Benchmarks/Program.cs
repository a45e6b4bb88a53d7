namespace RefusalSae.Benchmarks;

/// <summary>`dotnet run -c Release --project benchmarks/RefusalSae.Benchmarks -- NAME`.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("benchmarks: none registered yet");
        return 0;
    }
}
