namespace Regatta.Resources.Tests;

/// <summary>Runs a randomized check many times with consecutive seeds and reports the failing seed.</summary>
internal static class Property
{
    public static void ForAll(int iterations, Action<Random> check, int firstSeed = 1)
    {
        for (var seed = firstSeed; seed < firstSeed + iterations; seed++)
        {
            try
            {
                check(new Random(seed));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"property failed with seed {seed}: {e.Message}", e);
            }
        }
    }
}
