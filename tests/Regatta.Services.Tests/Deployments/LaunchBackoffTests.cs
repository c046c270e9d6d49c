using Regatta.Services.Deployments;
using static Regatta.Services.Tests.Deployments.Build;

namespace Regatta.Services.Tests.Deployments;

public sealed class LaunchBackoffTests
{
    private static readonly BackoffPolicy Policy = new(TimeSpan.FromSeconds(2), 2.0, TimeSpan.FromSeconds(20));

    [Fact]
    public void OnTerminal_RepeatedFailures_GrowGeometricallyUpToTheCap()
    {
        var backoff = LaunchBackoff.None("c1");
        var delays = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            backoff = backoff.OnTerminal(TaskCondition.Failed, T0.AddSeconds(i * 100), Policy);
            delays.Add(backoff.Delay.TotalSeconds);
        }

        Assert.Equal([2, 4, 8, 16, 20, 20], delays);
        Assert.Equal(T0.AddSeconds(520), backoff.ReadyAt);
        Assert.Equal(6, backoff.Failures);
    }

    [Fact]
    public void OnTerminal_DefaultPolicy_IsOneSecondTimesOnePointOneFive()
    {
        var backoff = LaunchBackoff.None("c1")
            .OnTerminal(TaskCondition.Finished, T0, BackoffPolicy.Default)
            .OnTerminal(TaskCondition.Error, T0, BackoffPolicy.Default)
            .OnTerminal(TaskCondition.Gone, T0, BackoffPolicy.Default);

        Assert.Equal(1.3225, backoff.Delay.TotalSeconds, 6);
    }

    [Theory]
    [InlineData(nameof(TaskCondition.Killed))]
    [InlineData(nameof(TaskCondition.Unknown))]
    [InlineData(nameof(TaskCondition.Running))]
    public void OnTerminal_KillOrNonFailure_AddsNoDelay(string condition)
    {
        var backoff = LaunchBackoff.None("c1").OnTerminal(Enum.Parse<TaskCondition>(condition), T0, Policy);

        Assert.Equal(0, backoff.Failures);
        Assert.True(backoff.ReadyAt <= T0);
    }

    [Fact]
    public void Reset_DeleteOfQueueDelay_AllowsLaunchAtOnce()
    {
        var backoff = LaunchBackoff.None("c1").OnTerminal(TaskCondition.Failed, T0, Policy);
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.TimeLeft(T0));

        var reset = backoff.Reset();

        Assert.Equal(TimeSpan.Zero, reset.TimeLeft(T0));
        Assert.Equal("c1", reset.ConfigVersion);
        Assert.Equal(2, reset.OnTerminal(TaskCondition.Failed, T0, Policy).Delay.TotalSeconds);
    }

    [Fact]
    public void For_NewConfigVersion_StartsWithoutDelay()
    {
        var backoff = LaunchBackoff.None("c1").OnTerminal(TaskCondition.Failed, T0, Policy);

        Assert.Same(backoff, backoff.For("c1"));
        Assert.Equal(0, backoff.For("c2").Failures);
    }

    [Fact]
    public void ResetIfStable_TaskRanHealthyLongEnoughAfterLastFailure_Resets()
    {
        var failedAt = T0.AddSeconds(-100);
        var backoff = LaunchBackoff.None("c1").OnTerminal(TaskCondition.Failed, failedAt, Policy);
        var task = Running("t1", healthy: true, ageSeconds: 50);

        Assert.Equal(backoff, backoff.ResetIfStable([task], hasHealthChecks: true, T0.AddSeconds(-31), Policy));
        Assert.Equal(T0.AddSeconds(-30), backoff.StableCheckAt([task], hasHealthChecks: true, Policy));
        Assert.Equal(0, backoff.ResetIfStable([task], hasHealthChecks: true, T0.AddSeconds(-30), Policy).Failures);
    }

    [Fact]
    public void ResetIfStable_UnhealthyOrStartedBeforeFailure_KeepsDelay()
    {
        var backoff = LaunchBackoff.None("c1").OnTerminal(TaskCondition.Failed, T0.AddSeconds(-100), Policy);
        TaskView[] tasks = [Running("unhealthy", healthy: false, ageSeconds: 90), Running("veteran", healthy: true, ageSeconds: 5000)];

        var after = backoff.ResetIfStable(tasks, hasHealthChecks: true, T0, Policy);

        Assert.Equal(1, after.Failures);
        Assert.Null(backoff.StableCheckAt(tasks, hasHealthChecks: true, Policy));
    }
}
