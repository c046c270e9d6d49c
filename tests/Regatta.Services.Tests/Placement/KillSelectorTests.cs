using Regatta.Services.Placement;
using static Regatta.Services.Tests.Placement.Agents;

namespace Regatta.Services.Tests.Placement;

public class KillSelectorTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static KillCandidate Running(string id, AgentView agent, int startedMinute, bool? healthy = null, string version = "v1") =>
        new(id, agent, version, CandidateCondition.Running, T0, T0.AddMinutes(startedMinute), healthy);

    private static IEnumerable<string> Ids(IEnumerable<KillCandidate> tasks) => tasks.Select(t => t.TaskId);

    [Fact]
    public void Select_Default_KillsYoungestFirst()
    {
        var tasks = new[] { Running("a", Host("h1"), 1), Running("b", Host("h2"), 3), Running("c", Host("h3"), 2) };

        Assert.Equal(["b", "c"], Ids(KillSelector.Select(tasks, 2)));
    }

    [Fact]
    public void Select_OldestFirst_KillsOldest()
    {
        var tasks = new[] { Running("a", Host("h1"), 1), Running("b", Host("h2"), 3), Running("c", Host("h3"), 2) };

        Assert.Equal(["a", "c"], Ids(KillSelector.Select(tasks, 2, KillAgeOrder.OldestFirst)));
    }

    [Fact]
    public void Select_NotRunningAndUnhealthy_GoBeforeHealthyRunning()
    {
        var tasks = new[]
        {
            Running("healthy-young", Host("h1"), 9, healthy: true),
            Running("unhealthy-old", Host("h2"), 1, healthy: false),
            new KillCandidate("staging", Host("h3"), "v1", CandidateCondition.Staging, T0),
            new KillCandidate("unreachable", Host("h4"), "v1", CandidateCondition.Unreachable, T0, T0),
            new KillCandidate("starting", Host("h5"), "v1", CandidateCondition.Starting, T0),
            Running("no-health-info", Host("h6"), 5),
        };

        Assert.Equal(
            ["unreachable", "staging", "starting", "unhealthy-old", "healthy-young", "no-health-info"],
            Ids(KillSelector.Select(tasks, 6)));
    }

    [Fact]
    public void Select_GroupBy_KillsFromMostLoadedRackEvenIfOlder()
    {
        // r1 has three tasks, r2 and r3 one each; the youngest task is on r2, but r1 must give up two.
        var tasks = new[]
        {
            Running("r1-a", OnRack("h1", "r1"), 1),
            Running("r1-b", OnRack("h2", "r1"), 2),
            Running("r1-c", OnRack("h1", "r1"), 3),
            Running("r2-a", OnRack("h3", "r2"), 9),
            Running("r3-a", OnRack("h5", "r3"), 4),
        };

        var killed = KillSelector.Select(tasks, 2, constraints: [Constraint.Parse("rack", "GROUP_BY", "3")]);

        Assert.Equal(["r1-c", "r1-b"], Ids(killed));
    }

    [Fact]
    public void Select_GroupBy_RecountsAfterEachKillSoSurvivorsStayBalanced()
    {
        var racks = new[] { "r1", "r1", "r1", "r1", "r2", "r2", "r2", "r3", "r3" };
        var tasks = racks.Select((rack, i) => Running($"t{i}", OnRack($"h{i}", rack), i)).ToList();

        var killed = KillSelector.Select(tasks, 3, constraints: [Constraint.Parse("rack", "GROUP_BY")]);
        var survivors = tasks.Except(killed).GroupBy(t => t.Agent.ValueOf("rack")).Select(g => g.Count());

        Assert.All(survivors, n => Assert.Equal(2, n));
    }

    [Fact]
    public void Select_MaxPer_KillsFromHostOverLimitFirst()
    {
        var tasks = new[]
        {
            Running("h1-a", Host("h1"), 1),
            Running("h1-b", Host("h1"), 2),
            Running("h2-a", Host("h2"), 5),
        };

        Assert.Equal(["h1-b"], Ids(KillSelector.Select(tasks, 1, constraints: [Constraint.Parse("hostname", "MAX_PER", "1")])));
    }

    [Fact]
    public void Select_SentencedTasks_GoFirst()
    {
        var tasks = new[] { Running("a", Host("h1"), 1), Running("b", Host("h2"), 3) };

        Assert.Equal(["a"], Ids(KillSelector.Select(tasks, 1, sentenced: new HashSet<string> { "a" })));
    }

    [Fact]
    public void Select_CurrentVersion_OutdatedTasksBeforeAgeOrder()
    {
        var tasks = new[] { Running("new", Host("h1"), 9, version: "v2"), Running("old", Host("h2"), 1, version: "v1") };

        Assert.Equal(["old"], Ids(KillSelector.Select(tasks, 1, currentVersion: "v2")));
        Assert.Equal(["new"], Ids(KillSelector.Select(tasks, 1)));
    }

    [Fact]
    public void Select_EqualTimes_TieBrokenByTaskIdDeterministically()
    {
        var tasks = new[] { Running("c", Host("h1"), 1), Running("a", Host("h2"), 1), Running("b", Host("h3"), 1) };

        Assert.Equal(["a", "b"], Ids(KillSelector.Select(tasks, 2)));
        Assert.Equal(["a", "b"], Ids(KillSelector.Select(tasks.Reverse().ToArray(), 2)));
    }

    [Fact]
    public void Select_CountAboveTaskCount_ReturnsAll()
    {
        var tasks = new[] { Running("a", Host("h1"), 1) };

        Assert.Single(KillSelector.Select(tasks, 5));
        Assert.Empty(KillSelector.Select(tasks, 0));
    }
}
