using Regatta.Services.Deployments;
using static Regatta.Services.Tests.Deployments.Build;

namespace Regatta.Services.Tests.Deployments;

public sealed class RollingRestartTests
{
    private static int s_launched;

    private static PlannedApp Target(int instances, double minHealth, double maxOver) =>
        new("/app", "v2", instances) { MinimumHealthCapacity = minHealth, MaximumOverCapacity = maxOver };

    /// <summary>Old (v1) running tasks o1..oN; o1 is the oldest.</summary>
    private static List<TaskView> Old(int count, bool? healthy = null) =>
        [.. Enumerable.Range(1, count).Select(i => Running($"o{i}", "v1", healthy, ageSeconds: 1000 - i))];

    [Theory]
    [InlineData(4, 0.5, 0.0, 2, 4)]
    [InlineData(4, 1.0, 0.5, 4, 6)]
    [InlineData(4, 1.0, 1.0, 4, 8)]
    [InlineData(4, 0.0, 0.0, 0, 4)]
    [InlineData(3, 0.5, 0.5, 2, 4)]
    [InlineData(100, 0.07, 0.0, 7, 100)]
    [InlineData(4, 1.0, 0.0, 4, 5)]
    [InlineData(0, 1.0, 0.0, 0, 0)]
    public void RestartState_Arithmetic_MatchesReference(int instances, double minHealth, double maxOver, int minHealthy, int maxCapacity)
    {
        var state = new RestartState(Target(instances, minHealth, maxOver));

        Assert.Equal(minHealthy, state.MinHealthy);
        Assert.Equal(maxCapacity, state.MaxCapacity);
        Assert.Equal(minHealthy, state.HealthFloor);
    }

    [Fact]
    public void Next_HalfHealthNoOverCapacity_KillsHalfFirstThenReplacesInTwoRounds()
    {
        var state = new RestartState(Target(4, 0.5, 0.0));
        var tasks = Old(4);

        var first = RollingRestart.Next(state, tasks);

        // Youngest first: o4 and o3 go; nothing can start until their slots are free.
        Assert.Equal(["o4", "o3"], Ids(first.Kills));
        Assert.Equal(0, first.Launch);
        Assert.False(first.Done);

        tasks = Apply(tasks, first);
        Assert.Equal(0, RollingRestart.Next(state, tasks).Launch);
        tasks = ConfirmKills(tasks);
        var second = RollingRestart.Next(state, tasks);
        Assert.Empty(second.Kills);
        Assert.Equal(2, second.Launch);

        tasks = Apply(tasks, second);
        Assert.Empty(RollingRestart.Next(state, tasks).Kills);
        tasks = StartAll(tasks);
        var third = RollingRestart.Next(state, tasks);
        Assert.Equal(["o2", "o1"], Ids(third.Kills));
        Assert.Equal(0, third.Launch);

        tasks = ConfirmKills(Apply(tasks, third));
        var fourth = RollingRestart.Next(state, tasks);
        Assert.Equal(2, fourth.Launch);
        tasks = StartAll(Apply(tasks, fourth));
        var last = RollingRestart.Next(state, tasks);
        Assert.True(last.Done);
        Assert.Empty(last.Kills);
        Assert.Equal(0, last.Launch);
    }

    [Fact]
    public void Next_FullHealthHalfOverCapacity_LaunchesTwoFirst()
    {
        var decision = RollingRestart.Next(new RestartState(Target(4, 1.0, 0.5)), Old(4));

        Assert.Empty(decision.Kills);
        Assert.Equal(2, decision.Launch);
        Assert.Equal("v2", decision.LaunchVersion);
    }

    [Fact]
    public void Next_DefaultStrategy_StartsAllNewThenStopsAllOld()
    {
        var state = new RestartState(Target(4, 1.0, 1.0));
        var tasks = Old(4);

        var first = RollingRestart.Next(state, tasks);
        Assert.Empty(first.Kills);
        Assert.Equal(4, first.Launch);

        tasks = StartAll(Apply(tasks, first));
        var second = RollingRestart.Next(state, tasks);
        Assert.Equal(["o4", "o3", "o2", "o1"], Ids(second.Kills));
        Assert.True(RollingRestart.Next(state, ConfirmKills(Apply(tasks, second))).Done);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Next_ZeroMinimumHealth_KillsAllOldAtOnce(double maxOver)
    {
        var state = new RestartState(Target(4, 0.0, maxOver));
        var first = RollingRestart.Next(state, Old(4));

        Assert.Equal(4, first.Kills.Count);
        Assert.Equal(maxOver == 0 ? 0 : 4, first.Launch);
        Assert.Equal(4, RollingRestart.Next(state, ConfirmKills(Apply(Old(4), first with { Launch = 0 }))).Launch);
    }

    [Fact]
    public void Next_FullHealthNoOverCapacity_OneExtraInstanceAtATime()
    {
        var state = new RestartState(Target(3, 1.0, 0.0));
        var tasks = Old(3);
        var rounds = 0;
        while (true)
        {
            var decision = RollingRestart.Next(state, tasks);
            if (decision.Done)
            {
                break;
            }

            // Each round: one new task in, then one old task out; never more than 4 tasks, never below 3 serving.
            Assert.Equal(1, decision.Launch);
            Assert.Empty(decision.Kills);
            tasks = StartAll(Apply(tasks, decision));
            Assert.Equal(4, tasks.Count);
            var kill = RollingRestart.Next(state, tasks);
            Assert.Equal(0, kill.Launch);
            Assert.Single(kill.Kills);
            tasks = ConfirmKills(Apply(tasks, kill));
            rounds++;
        }

        Assert.Equal(3, rounds);
        Assert.All(tasks, t => Assert.Equal("v2", t.Version));
    }

    [Fact]
    public void Next_ResidentWithoutSlack_KillsOneFirstInsteadOfOverProvisioning()
    {
        var state = new RestartState(Target(4, 1.0, 0.0) with { IsResident = true });

        var first = RollingRestart.Next(state, Old(4));

        Assert.Equal(4, state.MaxCapacity);
        Assert.Equal(3, state.HealthFloor);
        Assert.Equal(["o4"], Ids(first.Kills));
        Assert.Equal(0, first.Launch);
        Assert.Equal(1, RollingRestart.Next(state, ConfirmKills(Apply(Old(4), first))).Launch);
    }

    [Fact]
    public void Next_ScaleUpWithRestart_UsesNewInstanceCount()
    {
        // 4 → 6 instances at {1, 0}: floor 6 (not reachable by the old tasks alone), capacity 7.
        var decision = RollingRestart.Next(new RestartState(Target(6, 1.0, 0.0)), Old(4));

        Assert.Empty(decision.Kills);
        Assert.Equal(3, decision.Launch);
    }

    [Fact]
    public void Next_ScaleDownWithRestart_KillsSurplusAtOnce()
    {
        // 6 → 2 instances at {1, 0}: keep 2 serving, capacity 3; the launch waits for the kills.
        var state = new RestartState(Target(2, 1.0, 0.0));
        var first = RollingRestart.Next(state, Old(6));

        Assert.Equal(["o6", "o5", "o4", "o3"], Ids(first.Kills));
        Assert.Equal(0, first.Launch);
        Assert.Equal(1, RollingRestart.Next(state, ConfirmKills(Apply(Old(6), first))).Launch);
    }

    [Fact]
    public void Next_UnhealthyAndLaunchingOldTasks_AreKilledFirstWithoutTouchingTheFloor()
    {
        var app = Target(4, 1.0, 0.0) with { HasHealthChecks = true };
        List<TaskView> tasks =
        [
            Running("o1", "v1", healthy: true),
            Running("o2", "v1", healthy: true),
            Running("o3", "v1", healthy: false),
            Task("o4", TaskCondition.Staging, "v1"),
        ];

        var decision = RollingRestart.Next(new RestartState(app), tasks);

        Assert.Equal(["o4", "o3"], Ids(decision.Kills));
        Assert.Equal(2, decision.Serving);
        Assert.Equal(1, decision.Launch);
    }

    [Fact]
    public void Next_OldHealthUnknownAfterFailover_KeepsThemUntilNewTasksServe()
    {
        var app = Target(2, 0.5, 0.0) with { HasHealthChecks = true };
        var tasks = Old(2, healthy: null);

        var first = RollingRestart.Next(new RestartState(app), tasks);

        Assert.Empty(first.Kills);
        Assert.Equal(0, first.Launch);

        tasks[0] = tasks[0] with { Healthy = true };
        var second = RollingRestart.Next(new RestartState(app), tasks);
        Assert.Equal(["o2"], Ids(second.Kills));
    }

    [Fact]
    public void Next_NewTaskHealthyButNotReady_DoesNotReleaseAnOldOne()
    {
        var app = Target(2, 1.0, 0.0) with { HasHealthChecks = true, HasReadinessChecks = true };
        List<TaskView> tasks = [.. Old(2, healthy: true), Running("n1", "v2", healthy: true, ready: false, ageSeconds: 5)];

        var notReady = RollingRestart.Next(new RestartState(app), tasks);
        tasks[2] = tasks[2] with { Ready = true };
        var ready = RollingRestart.Next(new RestartState(app), tasks);

        Assert.Empty(notReady.Kills);
        Assert.Equal(["o2"], Ids(ready.Kills));
    }

    [Fact]
    public void Next_NewTasksLeftOverAboveTarget_AreTrimmed()
    {
        var state = new RestartState(Target(2, 1.0, 1.0));
        List<TaskView> tasks =
        [
            Running("o1", "v1"),
            Running("n1", "v2", ageSeconds: 30),
            Running("n2", "v2", ageSeconds: 20),
            Running("n3", "v2", ageSeconds: 10),
        ];

        var decision = RollingRestart.Next(state, tasks);

        Assert.Equal(["n3", "o1"], Ids(decision.Kills));
        Assert.Equal(0, decision.Launch);
        Assert.True(RollingRestart.Next(state, ConfirmKills(Apply(tasks, decision))).Done);
    }

    [Fact]
    public void Next_FailedNewTask_IsReplacedWithinCapacity()
    {
        var state = new RestartState(Target(2, 1.0, 0.0));
        List<TaskView> tasks =
        [
            Running("o1", "v1"),
            Running("o2", "v1"),
            Task("n1", TaskCondition.Failed, "v2"),
        ];

        var decision = RollingRestart.Next(state, tasks);

        Assert.Equal(1, decision.Launch);
        Assert.False(decision.Done);
    }

    private static List<TaskView> Apply(List<TaskView> tasks, RestartDecision decision)
    {
        var killed = decision.Kills.Select(k => k.TaskId).ToHashSet();
        var next = tasks.Select(t => killed.Contains(t.Id) ? t with { Condition = TaskCondition.Killing } : t).ToList();
        next.AddRange(Enumerable.Range(0, decision.Launch)
            .Select(_ => Task($"new-{Interlocked.Increment(ref s_launched)}", TaskCondition.Scheduled, decision.LaunchVersion)));
        return next;
    }

    private static List<TaskView> ConfirmKills(List<TaskView> tasks) =>
        [.. tasks.Where(t => t.Condition != TaskCondition.Killing)];

    private static List<TaskView> StartAll(List<TaskView> tasks) =>
        [.. tasks.Select(t => t.Condition == TaskCondition.Scheduled ? Running(t.Id, t.Version, healthy: true, ready: true, ageSeconds: 1) : t)];
}
