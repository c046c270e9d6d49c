using Regatta.Resources;
using Regatta.Services.Placement;
using static Regatta.Services.Tests.Placement.Agents;

namespace Regatta.Services.Tests.Placement;

public class OfferMatcherTests
{
    private static readonly AgentView Agent = OnRack("a.example", "r1");

    private static OfferView Offer(string resources, string? role = null) =>
        new("O1", Agent, ResourceText.Parse(resources), role);

    [Fact]
    public void Match_EnoughResources_ConsumesExactlyWhatIsNeeded()
    {
        var task = new TaskRequirements(Cpus: 0.5, Mem: 128, Disk: 10, Ports: HostPortRequest.ForHostNetworking([0, 0], false));

        var match = OfferMatcher.Match(task, Offer("cpus:2;mem:1024;disk:100;ports:[31000-31005]"), PlacementContext.Empty);

        Assert.True(match.IsMatch);
        Assert.Equal(ResourceText.Parse("cpus:0.5;mem:128;disk:10;ports:[31000-31001]"), match.Consumed);
        Assert.Equal([31000, 31001], match.HostPorts);
    }

    [Fact]
    public void Match_ShortOfEverything_ReportsEachReasonInFunnelOrder()
    {
        var task = new TaskRequirements(
            Cpus: 4,
            Mem: 2048,
            Disk: 500,
            Gpus: 1,
            Ports: HostPortRequest.ForHostNetworking([8080], true),
            Constraints: [Constraint.Parse("rack", "IS", "r2")]);

        var match = OfferMatcher.Match(task, Offer("cpus:1;mem:512;disk:100;ports:[31000-31005]"), PlacementContext.Empty);

        Assert.False(match.IsMatch);
        Assert.Equal(
            [RejectReason.UnfulfilledConstraint, RejectReason.InsufficientCpus, RejectReason.InsufficientMemory,
             RejectReason.InsufficientDisk, RejectReason.InsufficientGpus, RejectReason.InsufficientPorts],
            match.Reasons.Select(r => r.Reason));
        Assert.Equal("cpus: needs 4, offer O1 on a.example has 1", match.Reasons[1].Message);
        Assert.Equal(RejectReason.UnfulfilledConstraint, match.FirstReason);
        Assert.Equal(ResourceSet.Empty, match.Consumed);
    }

    [Fact]
    public void Match_OfferForOtherRole_UnfulfilledRole()
    {
        var task = new TaskRequirements(Cpus: 0.1, Mem: 16, Role: "web");

        var match = OfferMatcher.Match(task, Offer("cpus:2;mem:1024", role: "batch"), PlacementContext.Empty);

        var reason = Assert.Single(match.Reasons);
        Assert.Equal(RejectReason.UnfulfilledRole, reason.Reason);
    }

    [Fact]
    public void Match_ResourcesOnlyReservedToOtherRole_UnfulfilledRoleNotInsufficient()
    {
        var task = new TaskRequirements(Cpus: 1, Mem: 64);

        var match = OfferMatcher.Match(task, Offer("cpus(db):2;mem:1024"), PlacementContext.Empty);

        var reason = Assert.Single(match.Reasons);
        Assert.Equal(RejectReason.UnfulfilledRole, reason.Reason);
        Assert.StartsWith("cpus: enough offered, but not in the accepted resource roles [*]", reason.Message);
    }

    [Fact]
    public void Match_ReservedAndUnreserved_UsesReservationFirst()
    {
        var task = new TaskRequirements(Cpus: 1.5, Mem: 64, Role: "web", Ports: HostPortRequest.ForHostNetworking([0], false));

        var match = OfferMatcher.Match(task, Offer("cpus(web):1;cpus:4;mem:512;ports(web):[31000-31000];ports:[32000-32010]"), PlacementContext.Empty);

        Assert.True(match.IsMatch);
        Assert.Equal(ResourceText.Parse("cpus(web):1;cpus:0.5;mem:64;ports(web):[31000-31000]"), match.Consumed);
    }

    [Fact]
    public void Match_AcceptedResourceRolesOnlyStar_IgnoresReservedResources()
    {
        var task = new TaskRequirements(Cpus: 1, Mem: 64, Role: "web", AcceptedResourceRoles: ["*"]);

        var match = OfferMatcher.Match(task, Offer("cpus(web):1;cpus:4;mem:512"), PlacementContext.Empty);

        Assert.Equal(ResourceText.Parse("cpus:1;mem:64"), match.Consumed);
    }

    [Fact]
    public void Match_ConstraintsUsePlacedTasks()
    {
        var task = new TaskRequirements(Cpus: 0.1, Mem: 16, Constraints: [Constraint.Parse("hostname", "UNIQUE")]);

        var first = OfferMatcher.Match(task, Offer("cpus:1;mem:64"), PlacementContext.Empty);
        var second = OfferMatcher.Match(task, Offer("cpus:1;mem:64"), Placed(Agent));

        Assert.True(first.IsMatch);
        Assert.Equal("UNIQUE hostname: host a.example already runs 1 task of this app", Assert.Single(second.Reasons).Message);
    }

    [Fact]
    public void Match_BridgePortMapping_KeepsContainerPortPicksHostPort()
    {
        var task = new TaskRequirements(Cpus: 0.1, Mem: 16, Ports: HostPortRequest.ForPortMappings([0, null]));

        var match = OfferMatcher.Match(task, Offer("cpus:1;mem:64;ports:[31000-31010]"), PlacementContext.Empty, new Random(3));

        Assert.True(match.IsMatch);
        Assert.InRange(match.HostPorts[0]!.Value, 31000, 31010);
        Assert.Null(match.HostPorts[1]);
        Assert.Equal(ValueRanges.Single((ulong)match.HostPorts[0]!.Value, (ulong)match.HostPorts[0]!.Value), match.Consumed.Ranges("ports"));
    }
}
