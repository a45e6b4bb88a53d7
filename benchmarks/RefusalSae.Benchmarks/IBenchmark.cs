namespace RefusalSae.Benchmarks;

/// <summary>One named benchmark; prints its figures (ratios taken within the same run) to stdout.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    int Run(string[] args);
}
