using Regatta.Services.Placement;
using static Regatta.Services.Tests.Placement.Agents;

namespace Regatta.Services.Tests.Placement;

public class ConstraintCheckTests
{
    private static readonly AgentView A = Host("a.example");
    private static readonly AgentView B = Host("b.example");

    [Fact]
    public void Check_UniqueHostnameFreeHost_Accepts()
    {
        var unique = Constraint.Parse("hostname", "UNIQUE");

        Assert.Null(unique.Check(B, Placed(A)));
        Assert.Null(unique.Check(A, PlacementContext.Empty));
    }

    [Fact]
    public void Check_UniqueHostnameTakenHost_RejectsWithReason()
    {
        var reason = Constraint.Parse("hostname", "UNIQUE").Check(A, Placed(A));

        Assert.NotNull(reason);
        Assert.Equal(RejectReason.UnfulfilledConstraint, reason.Reason);
        Assert.Equal("UnfulfilledConstraint", reason.Code);
        Assert.Equal("UNIQUE hostname: host a.example already runs 1 task of this app", reason.Message);
        Assert.Equal(Constraint.Parse("hostname", "UNIQUE"), reason.Constraint);
    }

    [Fact]
    public void Check_UniqueDuringRollingUpgrade_OldVersionTaskStillCounts()
    {
        // The old version's task on a.example is being replaced; it still blocks a new task there.
        var unique = Constraint.Parse("@hostname", "UNIQUE");
        var oldAndNew = Placed(A, B);

        Assert.NotNull(unique.Check(A, oldAndNew));
        Assert.NotNull(unique.Check(B, oldAndNew));
        Assert.Null(unique.Check(Host("c.example"), oldAndNew));
    }

    [Fact]
    public void Check_UniqueAttributeAgentWithoutAttribute_Rejects()
    {
        var reason = Constraint.Parse("rack", "UNIQUE").Check(A, PlacementContext.Empty);

        Assert.Equal("UNIQUE rack: agent a.example has no attribute rack", reason?.Message);
    }

    [Fact]
    public void Check_UniqueAttribute_PlacedWithoutAttributeDoNotConflict()
    {
        var unique = Constraint.Parse("rack", "UNIQUE");

        Assert.Null(unique.Check(OnRack("x", "r1"), Placed(A, OnRack("y", "r2"))));
        Assert.Equal(
            "UNIQUE rack: rack r2 already runs 1 task of this app",
            unique.Check(OnRack("x", "r2"), Placed(A, OnRack("y", "r2")))?.Message);
    }

    [Fact]
    public void Check_ClusterWithValue_RequiresEqualValue()
    {
        var cluster = Constraint.Parse("hostname", "CLUSTER", "a.example");

        Assert.Null(cluster.Check(A, PlacementContext.Empty));
        Assert.Equal("CLUSTER hostname a.example: agent b.example has host b.example", cluster.Check(B, PlacementContext.Empty)?.Message);
    }

    [Fact]
    public void Check_ClusterWithoutValue_FirstTaskFixesValue()
    {
        var cluster = Constraint.Parse("rack", "CLUSTER");

        Assert.Null(cluster.Check(OnRack("x", "r2"), PlacementContext.Empty));
        Assert.Null(cluster.Check(OnRack("x", "r2"), Placed(OnRack("y", "r2"))));
        Assert.Equal(
            "CLUSTER rack: tasks of this app run on rack r2, agent x has rack r1",
            cluster.Check(OnRack("x", "r1"), Placed(OnRack("y", "r2")))?.Message);
    }

    [Fact]
    public void Check_IsText_ExactMatchOnly()
    {
        var isR1 = Constraint.Parse("rack", "IS", "r1");

        Assert.Null(isR1.Check(OnRack("x", "r1"), PlacementContext.Empty));
        Assert.NotNull(isR1.Check(OnRack("x", "r10"), PlacementContext.Empty));
        Assert.NotNull(isR1.Check(OnRack("x", "R1"), PlacementContext.Empty));
        Assert.NotNull(isR1.Check(A, PlacementContext.Empty));
    }

    [Fact]
    public void Check_IsScalar_ComparesAfterThreeDecimalFormatting()
    {
        var agent = new AgentView("id", "x", new Dictionary<string, AgentAttribute> { ["level"] = AgentAttribute.OfScalar(1.5) });

        Assert.Null(Constraint.Parse("level", "IS", "1.5").Check(agent, PlacementContext.Empty));
        Assert.Null(Constraint.Parse("level", "IS", "1.50").Check(agent, PlacementContext.Empty));
        Assert.Null(Constraint.Parse("level", "IS", "1.5000001").Check(agent, PlacementContext.Empty));
        Assert.NotNull(Constraint.Parse("level", "IS", "1.51").Check(agent, PlacementContext.Empty));
    }

    [Fact]
    public void Check_Like_IsAnchoredFullMatch()
    {
        var like = Constraint.Parse("zone", "LIKE", "us-.*");

        Assert.Null(like.Check(WithText("x", ("zone", "us-east-1")), PlacementContext.Empty));
        Assert.Equal(
            "LIKE zone us-.*: agent x has zone eu-us-1",
            like.Check(WithText("x", ("zone", "eu-us-1")), PlacementContext.Empty)?.Message);
        Assert.NotNull(Constraint.Parse("zone", "LIKE", "us").Check(WithText("x", ("zone", "us-east")), PlacementContext.Empty));
        Assert.NotNull(like.Check(A, PlacementContext.Empty));
    }

    [Fact]
    public void Check_Unlike_RejectsFullMatchesAcceptsMissingAttribute()
    {
        var unlike = Constraint.Parse("rack", "UNLIKE", "r[12]");

        Assert.NotNull(unlike.Check(OnRack("x", "r1"), PlacementContext.Empty));
        Assert.NotNull(unlike.Check(OnRack("x", "r2"), PlacementContext.Empty));
        Assert.Null(unlike.Check(OnRack("x", "r3"), PlacementContext.Empty));
        Assert.Null(unlike.Check(OnRack("x", "r12"), PlacementContext.Empty));
        Assert.Null(unlike.Check(A, PlacementContext.Empty));
    }

    [Fact]
    public void Check_LikeWithLookahead_FallsBackToBacktrackingEngine()
    {
        var like = Constraint.Parse("zone", "LIKE", "(?!eu).*");

        Assert.Null(like.Check(WithText("x", ("zone", "us-1")), PlacementContext.Empty));
        Assert.NotNull(like.Check(WithText("x", ("zone", "eu-1")), PlacementContext.Empty));
    }

    [Fact]
    public void Check_RegionAndZoneFields_UseFaultDomain()
    {
        var agent = new AgentView("id", "x", new Dictionary<string, AgentAttribute>(), Region: "us-east", Zone: "us-east-1a");

        Assert.Null(Constraint.Parse("@region", "IS", "us-east").Check(agent, PlacementContext.Empty));
        Assert.Null(Constraint.Parse("@zone", "LIKE", ".*-1a").Check(agent, PlacementContext.Empty));
        Assert.Equal(
            "UNIQUE @zone: zone us-east-1a already runs 1 task of this app",
            Constraint.Parse("@zone", "UNIQUE").Check(agent, Placed(agent))?.Message);
        Assert.Equal(
            "IS @region us-east: agent a.example has no fault domain region",
            Constraint.Parse("@region", "IS", "us-east").Check(A, PlacementContext.Empty)?.Message);
    }

    [Fact]
    public void Check_RangesAndSetAttributes_CompareMarathonText()
    {
        var agent = new AgentView("id", "x", new Dictionary<string, AgentAttribute>
        {
            ["slots"] = AgentAttribute.OfRanges([(20, 29), (1, 9)]),
            ["tags"] = AgentAttribute.OfSet(["ssd", "gpu"]),
        });

        Assert.Null(Constraint.Parse("slots", "CLUSTER", "[1-9,20-29]").Check(agent, PlacementContext.Empty));
        Assert.Null(Constraint.Parse("tags", "LIKE", @"\{.*ssd.*\}").Check(agent, PlacementContext.Empty));
        Assert.Null(Constraint.Parse("tags", "CLUSTER", "{gpu,ssd}").Check(agent, PlacementContext.Empty));
    }
}
