using Regatta.Services.Deployments;
using static Regatta.Services.Tests.Deployments.Build;
using KillSelection = Regatta.Services.Model.KillSelection;

namespace Regatta.Services.Tests.Deployments;

public sealed class ReconcilerTests
{
    private static ReconcileDecision Decide(PlannedApp app, IReadOnlyList<TaskView> tasks, DateTimeOffset? now = null, LaunchBackoff? backoff = null) =>
        Reconciler.Decide(new ReconcileInput(app, tasks, backoff, now ?? T0));

    [Fact]
    public void Decide_TooFewTasks_LaunchesTheDifferenceOfTheAppVersion()
    {
        var decision = Decide(App("/app", "v7", 5), [Running("a"), Running("b")]);

        Assert.Equal(5 - 2, decision.Launch);
        Assert.Equal("v7", decision.LaunchVersion);
        Assert.Empty(decision.Kills);
    }

    [Fact]
    public void Decide_AtTarget_IsIdle()
    {
        var decision = Decide(App("/app", "v1", 2), [Running("a"), Task("b", TaskCondition.Scheduled)]);

        Assert.True(decision.IsIdle);
        Assert.Null(decision.NextCheckAt);
    }

    [Fact]
    public void Decide_ScaleDown_PrefersQueuedLaunchingAndUnhealthyTasks()
    {
        var app = App("/app", "v1", 2) with { HasHealthChecks = true };
        TaskView[] tasks =
        [
            Running("healthy-old", healthy: true, ageSeconds: 900),
            Running("healthy-young", healthy: true, ageSeconds: 10),
            Running("unhealthy", healthy: false, ageSeconds: 500),
            Running("no-result", healthy: null, ageSeconds: 500),
            Task("staging", TaskCondition.Staging),
            Task("queued", TaskCondition.Scheduled),
        ];

        var decision = Decide(app, tasks);

        Assert.Equal(["queued", "staging", "unhealthy", "no-result"], Ids(decision.Kills));
        Assert.All(decision.Kills, k => Assert.Equal(KillReason.ScalingDown, k.Reason));
        Assert.Equal(0, decision.Launch);
    }

    [Theory]
    [InlineData(nameof(KillSelection.YoungestFirst), "young", "middle")]
    [InlineData(nameof(KillSelection.OldestFirst), "old", "middle")]
    public void Decide_ScaleDown_AppliesKillSelection(string selection, string first, string second)
    {
        var app = App("/app", "v1", 1) with { KillSelection = Enum.Parse<KillSelection>(selection) };
        TaskView[] tasks = [Running("middle", ageSeconds: 50), Running("old", ageSeconds: 90), Running("young", ageSeconds: 10)];

        Assert.Equal([first, second], Ids(Decide(app, tasks).Kills));
    }

    [Fact]
    public void Decide_SentencedTasks_GoBeforeTheDefaultOrder()
    {
        TaskView[] tasks = [Running("a", ageSeconds: 30), Running("b", ageSeconds: 20), Running("c", ageSeconds: 10)];
        var input = new ReconcileInput(App("/app", "v1", 1), tasks, null, T0) { Sentenced = ["a"] };

        var decision = Reconciler.Decide(input);

        Assert.Equal([new TaskKill("a", KillReason.Sentenced), new TaskKill("c", KillReason.ScalingDown)], decision.Kills);
    }

    [Fact]
    public void Decide_KillChooserHook_DecidesAmongCandidates()
    {
        TaskView[] tasks = [Running("a", ageSeconds: 30), Running("b", ageSeconds: 20), Running("c", ageSeconds: 10)];
        var chooser = new LastChooser();
        var input = new ReconcileInput(App("/app", "v1", 2), tasks, null, T0) { KillChooser = chooser };

        var decision = Reconciler.Decide(input);

        Assert.Equal(["a"], Ids(decision.Kills));
        Assert.Equal(["c", "b", "a"], chooser.Seen.Select(t => t.Id));
        var bad = input with { KillChooser = new NothingChooser() };
        Assert.Throws<InvalidOperationException>(() => Reconciler.Decide(bad));
    }

    [Theory]
    [InlineData(nameof(TaskCondition.Failed))]
    [InlineData(nameof(TaskCondition.Killed))]
    [InlineData(nameof(TaskCondition.Finished))]
    [InlineData(nameof(TaskCondition.Gone))]
    public void Decide_EndedTask_IsForgottenAndReplaced(string condition)
    {
        var decision = Decide(App("/app", "v1", 2), [Running("a"), Task("b", Enum.Parse<TaskCondition>(condition))]);

        Assert.Equal(1, decision.Launch);
        Assert.Equal(["b"], decision.Expunge);
    }

    [Fact]
    public void Decide_WithBackoff_LaunchWaitsForTheDelay()
    {
        var app = App("/app", "v1", 1);
        var backoff = LaunchBackoff.None("v1").OnTerminal(TaskCondition.Failed, T0, app.Backoff)
            .OnTerminal(TaskCondition.Failed, T0, app.Backoff);

        var decision = Decide(app, [Task("b", TaskCondition.Failed)], T0, backoff);

        Assert.Equal(1, decision.Launch);
        Assert.Equal(T0 + TimeSpan.FromMilliseconds(1150), decision.LaunchNotBefore);
        Assert.Equal(T0 + TimeSpan.FromMilliseconds(1150), decision.NextCheckAt);
        Assert.Same(backoff, decision.Backoff);
    }

    [Fact]
    public void Decide_BackoffOfOlderConfig_IsIgnored()
    {
        var app = App("/app", "v2", 1);
        var backoff = LaunchBackoff.None("v1").OnTerminal(TaskCondition.Failed, T0, app.Backoff);

        var decision = Decide(app, [], T0, backoff);

        Assert.Equal(DateTimeOffset.MinValue, decision.LaunchNotBefore);
        Assert.Equal("v2", decision.Backoff.ConfigVersion);
    }

    [Fact]
    public void Decide_TaskStableSinceLastFailure_ResetsBackoff()
    {
        var app = App("/app", "v1", 1) with { Backoff = new BackoffPolicy(TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(60)) };
        var backoff = LaunchBackoff.None("v1").OnTerminal(TaskCondition.Failed, T0.AddSeconds(-200), app.Backoff);

        var decision = Decide(app, [Running("a", ageSeconds: 61)], T0, backoff);

        Assert.Equal(0, decision.Backoff.Failures);
    }

    [Fact]
    public void Decide_LaunchTimedOut_KillsAndReplaces()
    {
        TaskView[] tasks = [Task("slow", TaskCondition.Staging, ageSeconds: 300), Task("fresh", TaskCondition.Starting, ageSeconds: 100)];

        var decision = Decide(App("/app", "v1", 2), tasks);

        Assert.Equal([new TaskKill("slow", KillReason.LaunchTimeout)], decision.Kills);
        Assert.Equal(1, decision.Launch);
        Assert.Equal(T0.AddSeconds(200), decision.NextCheckAt);
    }

    [Fact]
    public void Decide_UnreachableWithDefaultStrategy_ReplacedAndForgottenAtOnce()
    {
        var decision = Decide(App("/app", "v1", 2), [Running("a"), Unreachable("u", T0)]);

        Assert.Equal(1, decision.Launch);
        Assert.Equal(["u"], decision.Expunge);
    }

    [Fact]
    public void Decide_UnreachableWithTimeouts_ReplacedAfterInactiveForgottenAfterExpunge()
    {
        var app = App("/app", "v1", 2) with
        {
            UnreachableStrategy = new UnreachableStrategy(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(600)),
        };
        TaskView[] tasks = [Running("a"), Unreachable("u", T0)];

        var early = Decide(app, tasks, T0.AddSeconds(299));
        var inactive = Decide(app, tasks, T0.AddSeconds(300));
        var marked = Decide(app, [tasks[0], tasks[1] with { Condition = TaskCondition.UnreachableInactive }], T0.AddSeconds(450));
        var expunged = Decide(app, [tasks[0], tasks[1] with { Condition = TaskCondition.UnreachableInactive }], T0.AddSeconds(600));

        Assert.True(early.IsIdle);
        Assert.Equal(T0.AddSeconds(300), early.NextCheckAt);
        Assert.Equal(["u"], inactive.MarkInactive);
        Assert.Equal(1, inactive.Launch);
        Assert.Equal(T0.AddSeconds(600), inactive.NextCheckAt);
        Assert.Equal(1, marked.Launch);
        Assert.Empty(marked.MarkInactive);
        Assert.Equal(["u"], expunged.Expunge);
    }

    [Fact]
    public void Decide_UnreachableDisabled_NeverReplacedNorForgotten()
    {
        var app = App("/app", "v1", 2) with { UnreachableStrategy = UnreachableStrategy.Disabled };

        var decision = Decide(app, [Running("a"), Unreachable("u", T0.AddDays(-30))]);

        Assert.True(decision.IsIdle);
    }

    [Fact]
    public void Decide_UnreachableTaskInSurplus_IsKilledFirst()
    {
        var app = App("/app", "v1", 2) with
        {
            UnreachableStrategy = new UnreachableStrategy(TimeSpan.FromSeconds(300), TimeSpan.FromSeconds(600)),
        };

        var decision = Decide(app, [Running("a"), Running("b", ageSeconds: 1), Unreachable("u", T0)]);

        Assert.Equal(["u"], Ids(decision.Kills));
    }

    [Fact]
    public void StopAll_KillsEveryTaskNotAlreadyGoing()
    {
        TaskView[] tasks =
        [
            Running("a"),
            Task("b", TaskCondition.Killing),
            Task("c", TaskCondition.Failed),
            Unreachable("d", T0, TaskCondition.UnreachableInactive),
            Task("e", TaskCondition.Scheduled),
        ];

        Assert.Equal(["a", "d", "e"], Ids(Reconciler.StopAll(tasks)));
    }

    private sealed class LastChooser : IKillChooser
    {
        public IReadOnlyList<TaskView> Seen { get; private set; } = [];

        public IReadOnlyList<TaskView> Choose(IReadOnlyList<TaskView> orderedCandidates, int count)
        {
            Seen = orderedCandidates;
            return [.. orderedCandidates.TakeLast(count)];
        }
    }

    private sealed class NothingChooser : IKillChooser
    {
        public IReadOnlyList<TaskView> Choose(IReadOnlyList<TaskView> orderedCandidates, int count) => [];
    }
}
