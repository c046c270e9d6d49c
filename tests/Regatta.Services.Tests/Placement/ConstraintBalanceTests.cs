using Regatta.Services.Placement;
using static Regatta.Services.Tests.Placement.Agents;

namespace Regatta.Services.Tests.Placement;

public class ConstraintBalanceTests
{
    private static readonly AgentView[] Racks =
    [
        OnRack("h1", "r1"), OnRack("h2", "r1"), OnRack("h3", "r2"), OnRack("h4", "r2"), OnRack("h5", "r3"), OnRack("h6", "r3"),
    ];

    [Fact]
    public void Check_GroupByThreeRacksSecondTaskOnFirstRack_WaitsForOtherGroups()
    {
        var groupBy = Constraint.Parse("rack", "GROUP_BY", "3");
        var placed = Placed(Racks[0]);

        Assert.Equal(
            "GROUP_BY rack 3: rack r1 already runs 1 task, but only 1 of 3 groups are used",
            groupBy.Check(Racks[1], placed)?.Message);
        Assert.Null(groupBy.Check(Racks[2], placed));
        Assert.Null(groupBy.Check(Racks[4], placed));
    }

    [Fact]
    public void Check_GroupByThreeRacks_OnlyLeastUsedGroupAccepted()
    {
        var groupBy = Constraint.Parse("rack", "GROUP_BY", "3");
        var placed = Placed(Racks[0], Racks[1], Racks[2], Racks[4]);

        Assert.Equal(
            "GROUP_BY rack 3: rack r1 already runs 2 tasks, the least used group runs 1",
            groupBy.Check(Racks[0], placed)?.Message);
        Assert.Null(groupBy.Check(Racks[3], placed));
        Assert.Null(groupBy.Check(Racks[5], placed));
    }

    [Fact]
    public void Check_GroupByPlacingNineTasksFirstFit_SpreadsThreePerRack()
    {
        var groupBy = Constraint.Parse("rack", "GROUP_BY", "3");
        var placed = new List<AgentView>();
        for (var i = 0; i < 9; i++)
        {
            // Offers always arrive in the same order, which would pile tasks onto r1 without the constraint.
            var agent = Racks.First(a => groupBy.Check(a, new PlacementContext(placed)) is null);
            placed.Add(agent);
        }

        var perRack = placed.GroupBy(a => a.ValueOf("rack")).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["r1"] = 3, ["r2"] = 3, ["r3"] = 3 }, perRack);
    }

    [Fact]
    public void Check_GroupByWithoutCount_FollowsMarathonFirstFit()
    {
        var groupBy = Constraint.Parse("rack", "GROUP_BY");

        // Classic Marathon: with no count, one group is enough, so r1 keeps accepting.
        Assert.Null(groupBy.Check(Racks[1], Placed(Racks[0])));
    }

    [Fact]
    public void Check_GroupByWithoutCountAndKnownAgents_SpreadsOverKnownValues()
    {
        var groupBy = Constraint.Parse("rack", "GROUP_BY");
        var context = new PlacementContext([Racks[0]], KnownAgents: Racks);

        Assert.NotNull(groupBy.Check(Racks[1], context));
        Assert.Null(groupBy.Check(Racks[2], context));
    }

    [Fact]
    public void Check_GroupByDuringRollingUpgrade_CountsOldAndNewTasks()
    {
        // Old version: one task per rack; new version: one on r1 already. Next new task must avoid r1.
        var groupBy = Constraint.Parse("rack", "GROUP_BY", "3");
        var placed = Placed(Racks[0], Racks[2], Racks[4], Racks[1]);

        Assert.NotNull(groupBy.Check(Racks[0], placed));
        Assert.Null(groupBy.Check(Racks[3], placed));
    }

    [Fact]
    public void Check_MaxPerTwo_AllowsTwoPerValue()
    {
        var maxPer = Constraint.Parse("hostname", "MAX_PER", "2");
        var h1 = Host("h1");

        Assert.Null(maxPer.Check(h1, PlacementContext.Empty));
        Assert.Null(maxPer.Check(h1, Placed(h1)));
        Assert.Equal("MAX_PER hostname 2: host h1 already runs 2 tasks of this app", maxPer.Check(h1, Placed(h1, h1))?.Message);
        Assert.Null(maxPer.Check(Host("h2"), Placed(h1, h1)));
    }

    [Fact]
    public void Check_MaxPerRackDuringRollingUpgrade_CountsOldTasks()
    {
        var maxPer = Constraint.Parse("rack", "MAX_PER", "1");

        Assert.NotNull(maxPer.Check(Racks[1], Placed(Racks[0])));
        Assert.Null(maxPer.Check(Racks[2], Placed(Racks[0])));
    }

    [Fact]
    public void Check_MaxPerZero_NeverPlaces()
    {
        Assert.NotNull(Constraint.Parse("rack", "MAX_PER", "0").Check(Racks[0], PlacementContext.Empty));
    }
}
