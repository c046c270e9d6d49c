using Regatta.Services.Health;
using Regatta.Services.Model;

namespace Regatta.Services.Tests.Health;

public sealed class HealthStateMachineTests
{
    private static readonly DateTimeOffset Started = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly HealthRules Rules = new(TimeSpan.FromSeconds(60), MaxConsecutiveFailures: 3);

    private static DateTimeOffset At(int seconds) => Started.AddSeconds(seconds);

    private static ProbeResult Pass(int seconds) => ProbeResult.Healthy(At(seconds));

    private static ProbeResult Fail(int seconds, string cause = "500 Internal Server Error") => ProbeResult.Unhealthy(At(seconds), cause);

    [Fact]
    public void Observe_FailuresInsideGracePeriodBeforeFirstSuccess_AreIgnoredButCreateAnEmptyResult()
    {
        var step = HealthStateMachine.Observe(null, Fail(10), Rules, Started);

        Assert.Equal(HealthState.Empty, step.State);
        Assert.Empty(step.Decisions);
        Assert.False(step.State!.Alive);

        step = HealthStateMachine.Observe(step.State, Fail(59), Rules, Started);
        Assert.Equal(0, step.State!.ConsecutiveFailures);
        Assert.Empty(step.Decisions);
    }

    [Fact]
    public void Observe_FailureWhenGracePeriodEndsExactly_Counts()
    {
        var step = HealthStateMachine.Observe(null, Fail(60), Rules, Started);

        Assert.Equal(1, step.State!.ConsecutiveFailures);
        Assert.Equal(At(60), step.State.LastFailure);
        Assert.Equal("500 Internal Server Error", step.State.LastFailureCause);
        Assert.Equal([new FailedHealthCheckDecision("500 Internal Server Error", At(60))], step.Decisions);
    }

    [Fact]
    public void Observe_FailureInsideGracePeriodAfterFirstSuccess_Counts()
    {
        var passed = HealthStateMachine.Observe(null, Pass(5), Rules, Started);
        Assert.True(passed.State!.Alive);
        Assert.Equal([new HealthChangedDecision(true)], passed.Decisions);

        var failed = HealthStateMachine.Observe(passed.State, Fail(10, "connection refused"), Rules, Started);

        Assert.False(failed.State!.Alive);
        Assert.Equal(1, failed.State.ConsecutiveFailures);
        Assert.Equal(
            [new FailedHealthCheckDecision("connection refused", At(10)), new HealthChangedDecision(false)],
            failed.Decisions);
    }

    [Fact]
    public void Observe_TaskNotRunning_IgnoresFailuresEvenAfterGracePeriod()
    {
        var passed = HealthStateMachine.Observe(null, Pass(100), Rules, Started).State;

        var step = HealthStateMachine.Observe(passed, Fail(500), Rules, runningSince: null);

        Assert.Same(passed, step.State);
        Assert.Empty(step.Decisions);
    }

    [Fact]
    public void Observe_DefaultCheckTimeline_KillsOnTheFailureAfterMaxConsecutiveFailures()
    {
        // Defaults: grace 300 s, interval 60 s, max 3. First probe after 5 s, then every 60 s; the task never answers.
        var check = new HealthCheck();
        var rules = HealthRules.For(check);
        Assert.Equal(new HealthRules(TimeSpan.FromSeconds(300), 3), rules);

        HealthState? state = null;
        var log = new List<string>();
        foreach (var second in new[] { 5, 65, 125, 185, 245, 305, 365, 425, 485, 545 })
        {
            var step = HealthStateMachine.Observe(state, Fail(second, $"refused@{second}"), rules, Started);
            state = step.State;
            log.Add($"{second}:{state!.ConsecutiveFailures}:{string.Join(",", step.Decisions.Select(Describe))}");
        }

        Assert.Equal(
            [
                "5:0:", "65:0:", "125:0:", "185:0:", "245:0:",
                "305:1:failed(refused@305)",
                "365:2:failed(refused@365)",
                "425:3:failed(refused@425)",
                "485:4:failed(refused@485),kill(refused@425@425)",
                "545:5:failed(refused@545),kill(refused@485@485)",
            ],
            log);
    }

    [Fact]
    public void Observe_MaxConsecutiveFailuresZero_NeverKills()
    {
        var rules = Rules with { MaxConsecutiveFailures = 0 };
        HealthState? state = null;
        var decisions = new List<HealthDecision>();
        for (var i = 0; i < 20; i++)
        {
            var step = HealthStateMachine.Observe(state, Fail(100 + i), rules, Started);
            state = step.State;
            decisions.AddRange(step.Decisions);
        }

        Assert.Equal(20, state!.ConsecutiveFailures);
        Assert.Equal(20, decisions.Count);
        Assert.All(decisions, d => Assert.IsType<FailedHealthCheckDecision>(d));
    }

    [Fact]
    public void Observe_SuccessAfterFailures_RecoversAliveAndResetsTheCount()
    {
        var state = HealthStateMachine.Observe(null, Pass(70), Rules, Started).State;
        state = HealthStateMachine.Observe(state, Fail(80), Rules, Started).State;
        state = HealthStateMachine.Observe(state, Fail(90), Rules, Started).State;

        var step = HealthStateMachine.Observe(state, Pass(100), Rules, Started);

        Assert.Equal(
            new HealthState
            {
                FirstSuccess = At(70),
                LastSuccess = At(100),
                LastFailure = At(90),
                LastFailureCause = "500 Internal Server Error",
                ConsecutiveFailures = 0,
            },
            step.State);
        Assert.True(step.State!.Alive);
        Assert.Equal([new HealthChangedDecision(true)], step.Decisions);

        var again = HealthStateMachine.Observe(step.State, Pass(110), Rules, Started);
        Assert.Empty(again.Decisions);
        Assert.Equal(At(70), again.State!.FirstSuccess);
    }

    [Fact]
    public void Observe_KillWithoutAnEarlierCause_SaysUnknown()
    {
        // Only reachable with max 1 after an entry whose failure carried no cause (a Mesos-reported failure).
        var rules = Rules with { MaxConsecutiveFailures = 1 };
        var state = new HealthState { ConsecutiveFailures = 1 };

        var step = HealthStateMachine.Observe(state, Fail(100), rules, Started);

        Assert.Contains(new KillTaskDecision("unknown", At(100)), step.Decisions);
    }

    [Fact]
    public void Observe_IgnoredResult_ChangesNothing()
    {
        Assert.Null(HealthStateMachine.Observe(null, ProbeResult.Ignored(At(100)), Rules, Started).State);

        var state = HealthStateMachine.Observe(null, Pass(100), Rules, Started).State;
        var step = HealthStateMachine.Observe(state, ProbeResult.Ignored(At(200)), Rules, Started);
        Assert.Same(state, step.State);
        Assert.Empty(step.Decisions);
    }

    [Fact]
    public void Alive_SuccessAndFailureAtTheSameInstant_IsNotAlive()
    {
        var state = new HealthState { LastSuccess = At(5), LastFailure = At(5) };

        Assert.False(state.Alive);
        Assert.True((state with { LastSuccess = At(6) }).Alive);
        Assert.False(HealthState.Empty.Alive);
    }

    [Fact]
    public void ObserveMesosStatus_FoldsTheHealthyFieldIntoTheSameState()
    {
        var none = HealthStateMachine.ObserveMesosStatus(null, null, At(100), Rules, Started);
        Assert.Null(none.State);

        var healthy = HealthStateMachine.ObserveMesosStatus(null, true, At(100), Rules, Started);
        Assert.True(healthy.State!.Alive);
        Assert.Equal([new HealthChangedDecision(true)], healthy.Decisions);

        var unhealthy = HealthStateMachine.ObserveMesosStatus(healthy.State, false, At(130), Rules, Started);
        Assert.False(unhealthy.State!.Alive);
        Assert.Equal(string.Empty, unhealthy.State.LastFailureCause);
        Assert.Equal([new FailedHealthCheckDecision(string.Empty, At(130)), new HealthChangedDecision(false)], unhealthy.Decisions);
    }

    [Fact]
    public void Summarize_CountsOnlyChecksWithAResult()
    {
        var alive = new HealthState { LastSuccess = At(1) };
        var dead = new HealthState { LastFailure = At(1), ConsecutiveFailures = 1 };

        Assert.Null(HealthStateMachine.Summarize([]));
        Assert.Null(HealthStateMachine.Summarize([null, null]));
        Assert.True(HealthStateMachine.Summarize([alive, null]));
        Assert.True(HealthStateMachine.Summarize([alive, alive]));
        Assert.False(HealthStateMachine.Summarize([alive, dead]));
        Assert.False(HealthStateMachine.Summarize([HealthState.Empty]));
    }

    private static string Describe(HealthDecision decision) => decision switch
    {
        FailedHealthCheckDecision f => $"failed({f.Cause})",
        KillTaskDecision k => $"kill({k.Reason}@{(int)(k.FailedAt - Started).TotalSeconds})",
        HealthChangedDecision c => $"alive({c.Alive})",
        _ => decision.ToString(),
    };
}
