using Regatta.Agent.Health;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Health;

public sealed class HealthCheckTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static HealthCheckPolicy Policy(double delay = 15, double interval = 10, double grace = 10, int failures = 3) =>
        new(V1.HealthCheck.Types.Type.Http, TimeSpan.FromSeconds(delay), TimeSpan.FromSeconds(interval), TimeSpan.FromSeconds(20), failures, TimeSpan.FromSeconds(grace));

    [Fact]
    public void NextCheckAt_StartsAfterDelay_ThenEveryIntervalAfterEachResult()
    {
        var tracker = new HealthCheckTracker(Policy(delay: 15, interval: 10), T0);
        Assert.Equal(T0.AddSeconds(15), tracker.NextCheckAt);

        tracker.Record(true, T0.AddSeconds(16));

        Assert.Equal(T0.AddSeconds(26), tracker.NextCheckAt);
    }

    [Fact]
    public void Record_FirstSuccess_ReportsHealthyOnce()
    {
        var tracker = new HealthCheckTracker(Policy(), T0);

        Assert.Equal(new HealthDecision(true, false), tracker.Record(true, T0.AddSeconds(15)));
        Assert.Equal(HealthDecision.None, tracker.Record(true, T0.AddSeconds(25)));
        Assert.True(tracker.Healthy);
    }

    [Fact]
    public void Record_FailuresInsideGraceBeforeAnySuccess_AreIgnored()
    {
        var tracker = new HealthCheckTracker(Policy(delay: 0, interval: 1, grace: 10, failures: 1), T0);

        Assert.Equal(HealthDecision.None, tracker.Record(false, T0.AddSeconds(1)));
        Assert.Equal(HealthDecision.None, tracker.Record(false, T0.AddSeconds(9)));
        Assert.Null(tracker.Healthy);
        Assert.Equal(0, tracker.ConsecutiveFailures);

        Assert.Equal(new HealthDecision(false, true), tracker.Record(false, T0.AddSeconds(10)));
    }

    [Fact]
    public void Record_FailureInsideGraceAfterASuccess_Counts()
    {
        var tracker = new HealthCheckTracker(Policy(delay: 0, interval: 1, grace: 60, failures: 3), T0);
        tracker.Record(true, T0.AddSeconds(1));

        var decision = tracker.Record(false, T0.AddSeconds(2));

        Assert.Equal(new HealthDecision(false, false), decision);
        Assert.Equal(1, tracker.ConsecutiveFailures);
    }

    [Fact]
    public void Record_ConsecutiveFailuresReached_KillsOnceAndStops()
    {
        var tracker = new HealthCheckTracker(Policy(delay: 0, grace: 0, failures: 3), T0);
        tracker.Record(true, T0.AddSeconds(1));

        Assert.Equal(new HealthDecision(false, false), tracker.Record(false, T0.AddSeconds(2)));
        Assert.Equal(HealthDecision.None, tracker.Record(false, T0.AddSeconds(3)));
        Assert.Equal(new HealthDecision(null, true), tracker.Record(false, T0.AddSeconds(4)));
        Assert.True(tracker.Finished);
        Assert.Equal(HealthDecision.None, tracker.Record(true, T0.AddSeconds(5)));
    }

    [Fact]
    public void Record_SuccessBetweenFailures_ResetsTheCountAndFlipsHealth()
    {
        var tracker = new HealthCheckTracker(Policy(delay: 0, grace: 0, failures: 2), T0);

        Assert.Equal(new HealthDecision(false, false), tracker.Record(false, T0.AddSeconds(1)));
        Assert.Equal(new HealthDecision(true, false), tracker.Record(true, T0.AddSeconds(2)));
        Assert.Equal(new HealthDecision(false, false), tracker.Record(false, T0.AddSeconds(3)));
        Assert.False(tracker.Finished);
        Assert.Equal(new HealthDecision(null, true), tracker.Record(false, T0.AddSeconds(4)));
    }

    [Fact]
    public void Record_FirstResultIsAFailureAfterGrace_ReportsUnhealthy()
    {
        var tracker = new HealthCheckTracker(Policy(delay: 15, grace: 10, failures: 3), T0);

        Assert.Equal(new HealthDecision(false, false), tracker.Record(false, T0.AddSeconds(15)));
        Assert.False(tracker.Healthy);
    }
}
