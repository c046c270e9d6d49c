using Regatta.Services.Deployments;
using static Regatta.Services.Tests.Deployments.Build;

namespace Regatta.Services.Tests.Deployments;

public sealed class DeploymentProgressTests
{
    private static DeploymentObservation See(IEnumerable<string> stored, params TaskView[] tasks) => new(
        stored.ToHashSet(StringComparer.Ordinal),
        tasks.GroupBy(t => t.AppId).ToDictionary(g => g.Key, g => (IReadOnlyList<TaskView>)[.. g]));

    [Fact]
    public void Advance_NewApp_StartsThenScalesThenSucceeds()
    {
        var plan = DeploymentPlanner.Plan("d", "v1", Apps(), Apps(App("/app", "v1", 2)));
        var state = DeploymentState.Start(plan, T0);
        Assert.Equal(1, state.CurrentStep);
        Assert.Equal(2, state.TotalSteps);
        Assert.Equal([DeploymentActionKind.StartApplication], state.CurrentActions.Select(a => a.Kind));

        var notStored = DeploymentProgress.Advance(state, See([]), T0);
        Assert.Empty(notStored.Events);

        var started = DeploymentProgress.Advance(state, See(["/app"]), T0.AddSeconds(1));
        Assert.Equal([new DeploymentEvent(DeploymentEventKind.StepSucceeded, 1)], started.Events);
        Assert.Equal(2, started.State.CurrentStep);
        Assert.Equal(T0.AddSeconds(1), started.State.StepStartedAt);
        Assert.Equal([DeploymentActionKind.ScaleApplication], started.State.CurrentActions.Select(a => a.Kind));
        Assert.Equal(T0.AddSeconds(601), started.NextCheckAt);

        var halfway = DeploymentProgress.Advance(started.State, See(["/app"], Running("a"), Task("b", TaskCondition.Staging)), T0.AddSeconds(5));
        Assert.Empty(halfway.Events);

        var done = DeploymentProgress.Advance(halfway.State, See(["/app"], Running("a"), Running("b")), T0.AddSeconds(9));
        Assert.Equal(
            [new DeploymentEvent(DeploymentEventKind.StepSucceeded, 2), new DeploymentEvent(DeploymentEventKind.Succeeded, 2)],
            done.Events);
        Assert.Equal(DeploymentStatus.Succeeded, done.State.Status);
        Assert.Equal(2, done.State.CurrentStep);
        Assert.Empty(done.State.CurrentActions);
        Assert.False(done.RollBack);
    }

    [Fact]
    public void IsComplete_Scale_NeedsHealthyReadyNewTasksAndNoKills()
    {
        var app = App("/app", "v2", 2) with { HasHealthChecks = true, HasReadinessChecks = true };
        var plan = DeploymentPlanner.Plan("d", "v2", Apps(App("/app", "v1", 1) with { ConfigVersion = "v2" }), Apps(app with { ConfigVersion = "v2" }));
        var action = Assert.Single(plan.Steps[0].Actions);
        Assert.Equal(DeploymentActionKind.ScaleApplication, action.Kind);
        var oldTask = Running("old", "v1", healthy: true);

        bool Complete(params TaskView[] tasks) => DeploymentProgress.IsComplete(action, plan, See(["/app"], tasks));

        Assert.False(Complete(oldTask, Running("new", "v2", healthy: false, ready: true)));
        Assert.False(Complete(oldTask, Running("new", "v2", healthy: true, ready: null)));
        Assert.True(Complete(oldTask, Running("new", "v2", healthy: true, ready: true)));
        Assert.False(Complete(oldTask, Running("new", "v2", healthy: true, ready: true), Task("extra", TaskCondition.Killing)));
        Assert.False(Complete(oldTask));
    }

    [Fact]
    public void IsComplete_RestartAndStop_FollowTheirConditions()
    {
        var plan = DeploymentPlanner.Plan("d", "v2", Apps(App("/app", "v1", 1), App("/gone")), Apps(App("/app", "v2", 1)));
        var stop = plan.Steps[0].Actions.Single();
        var restart = plan.Steps[1].Actions.Single();
        var goneTask = Running("g", appId: "/gone");

        Assert.False(DeploymentProgress.IsComplete(restart, plan, See(["/app"], Running("o", "v1"), Running("n", "v2"))));
        Assert.True(DeploymentProgress.IsComplete(restart, plan, See(["/app"], Running("n", "v2"))));
        Assert.False(DeploymentProgress.IsComplete(stop, plan, See([], goneTask)));
        Assert.True(DeploymentProgress.IsComplete(stop, plan, See([], goneTask with { Condition = TaskCondition.Killed })));
    }

    [Fact]
    public void Advance_RestartMissesDeadline_FailsAndAsksForRollback()
    {
        var original = Apps(App("/app", "v1", 1));
        var target = Apps(App("/app", "v2", 1) with { DeploymentDeadline = TimeSpan.FromSeconds(120) });
        var plan = DeploymentPlanner.Plan("d1", "v2", original, target);
        var state = DeploymentState.Start(plan, T0);
        var stuck = See(["/app"], Running("o", "v1"), Task("n", TaskCondition.Failed, "v2"));

        var before = DeploymentProgress.Advance(state, stuck, T0.AddSeconds(119));
        var after = DeploymentProgress.Advance(before.State, stuck, T0.AddSeconds(120));

        Assert.Equal(T0.AddSeconds(120), before.NextCheckAt);
        Assert.False(before.RollBack);
        Assert.True(after.RollBack);
        Assert.Equal(DeploymentStatus.Failed, after.State.Status);
        Assert.Equal(["/app"], after.TimedOutApps);
        var failed = Assert.Single(after.Events);
        Assert.Equal(DeploymentEventKind.Failed, failed.Kind);
        Assert.Equal("/app: new tasks not all healthy and ready within 120 s", failed.Reason);

        var revert = DeploymentPlanner.Rollback(after.State.Plan, target, "d2", "v3");
        Assert.Equal(["RestartApplication /app"], Render(revert));
        Assert.Equal("v1", revert.Target["/app"].Version);
        Assert.Empty(DeploymentProgress.Advance(after.State, stuck, T0.AddSeconds(500)).Events);
    }

    [Fact]
    public void Advance_NoDeadline_WaitsForeverLikeMarathon()
    {
        var target = Apps(App("/app", "v2", 1) with { DeploymentDeadline = null });
        var state = DeploymentState.Start(DeploymentPlanner.Plan("d", "v2", Apps(App("/app", "v1", 1)), target), T0);

        var advance = DeploymentProgress.Advance(state, See(["/app"], Running("o", "v1")), T0.AddDays(30));

        Assert.Equal(DeploymentStatus.Running, advance.State.Status);
        Assert.Null(advance.NextCheckAt);
    }

    [Fact]
    public void Advance_CompletedActionStaysCompleteWhileItsStepWaits()
    {
        var original = Apps(App("/a", "v1", 1), App("/b", "v1", 1));
        var target = Apps(App("/a", "v2", 1), App("/b", "v2", 1) with { DeploymentDeadline = null });
        var state = DeploymentState.Start(DeploymentPlanner.Plan("d", "v2", original, target), T0);
        var aDone = See(["/a", "/b"], Running("a2", "v2", appId: "/a"), Running("b1", "v1", appId: "/b"));
        var aBroken = See(["/a", "/b"], Task("a2", TaskCondition.Failed, "v2", appId: "/a"), Running("b1", "v1", appId: "/b"));

        var first = DeploymentProgress.Advance(state, aDone, T0.AddSeconds(10));
        var second = DeploymentProgress.Advance(first.State, aBroken, T0.AddSeconds(700));

        Assert.Equal(["/a"], second.State.CompletedApps.ToArray());
        Assert.Equal(DeploymentStatus.Running, second.State.Status);
        var finished = DeploymentProgress.Advance(second.State, See(["/a", "/b"], Running("b2", "v2", appId: "/b")), T0.AddSeconds(800));
        Assert.Equal(DeploymentStatus.Succeeded, finished.State.Status);
    }

    [Fact]
    public void Advance_EmptyPlan_SucceedsAtOnce()
    {
        var state = DeploymentState.Start(DeploymentPlanner.Plan("d", "v", Apps(), Apps()), T0);

        var advance = DeploymentProgress.Advance(state, See([]), T0);

        Assert.Equal(0, state.CurrentStep);
        Assert.Equal([new DeploymentEvent(DeploymentEventKind.Succeeded, 0)], advance.Events);
    }
}
