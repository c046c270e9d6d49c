namespace Regatta.Agent.Connection;

/// <summary>Mesos's registration backoff: a random delay in [0, factor·2^attempt], the bound capped at <c>max</c>.</summary>
internal static class Backoff
{
    public static TimeSpan Next(Random random, TimeSpan factor, TimeSpan max, int attempt)
    {
        var bound = factor.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt, 0, 30));
        bound = Math.Min(bound, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(bound * random.NextDouble());
    }
}
