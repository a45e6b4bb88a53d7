namespace RefusalSae.Testing;

/// <summary>Prints and checks a parity error so every run shows how close we are, not just pass/fail.</summary>
public static class MaxError
{
    public static void AssertWithin(string what, double maxAbsError, double tolerance, ITestOutputHelper? output = null)
    {
        var line = $"{what}: max abs error {maxAbsError:E3} (tolerance {tolerance:E1})";
        output?.WriteLine(line);
        Console.WriteLine(line);
        Assert.True(maxAbsError <= tolerance, line);
    }
}
