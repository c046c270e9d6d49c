using Regatta.Agent.Connection;

namespace Regatta.Agent.Tests.Connection;

public class BackoffTests
{
    [Fact]
    public void Next_StaysWithinDoublingBoundCappedAtMax()
    {
        var random = new Random(7);
        var factor = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(10);

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var bound = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempt), 10));
            for (var i = 0; i < 50; i++)
            {
                var delay = Backoff.Next(random, factor, max, attempt);
                Assert.InRange(delay, TimeSpan.Zero, bound);
            }
        }
    }

    [Fact]
    public void Next_IsRandomisedNotFixed()
    {
        var random = new Random(1);

        var delays = Enumerable.Range(0, 20).Select(_ => Backoff.Next(random, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 3)).Distinct().Count();

        Assert.True(delays > 10);
    }
}
