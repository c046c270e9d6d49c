using Regatta.Resources;
using Regatta.Services.Placement;

namespace Regatta.Services.Tests.Placement;

public class HostPortAssignerTests
{
    private static readonly ValueRanges Offered = ValueRanges.Of(new ValueRange(31000, 31002), new ValueRange(31010, 31010));

    [Fact]
    public void TryAssign_AnyPorts_TakesLowestFreeWithoutRandom()
    {
        Assert.True(HostPortAssigner.TryAssign(HostPortRequest.ForHostNetworking([0, 0], requirePorts: false), Offered, null, out var ports, out _));

        Assert.Equal([31000, 31001], ports);
    }

    [Fact]
    public void TryAssign_ServicePortsWithoutRequirePorts_AreNotHostPorts()
    {
        Assert.True(HostPortAssigner.TryAssign(HostPortRequest.ForHostNetworking([10000, 10001], requirePorts: false), Offered, null, out var ports, out _));

        Assert.Equal([31000, 31001], ports);
    }

    [Fact]
    public void TryAssign_AnyPortsWithRandom_DistinctAndFromOffer()
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            Assert.True(HostPortAssigner.TryAssign(HostPortRequest.ForHostNetworking([0, 0, 0, 0], false), Offered, random, out var ports, out _));
            Assert.Equal(4, ports.Distinct().Count());
            Assert.All(ports, p => Assert.True(Offered.Contains((ulong)p!.Value)));
        }
    }

    [Fact]
    public void TryAssign_RequirePortsPresent_ReturnsExactPorts()
    {
        Assert.True(HostPortAssigner.TryAssign(HostPortRequest.ForHostNetworking([31010, 31001], requirePorts: true), Offered, null, out var ports, out _));

        Assert.Equal([31010, 31001], ports);
    }

    [Fact]
    public void TryAssign_RequirePortsMissing_FailsNamingPorts()
    {
        Assert.False(HostPortAssigner.TryAssign(HostPortRequest.ForHostNetworking([31001, 8080], requirePorts: true), Offered, null, out _, out var error));

        Assert.Equal("ports not available: 8080 (offer has [31000-31002, 31010-31010])", error);
    }

    [Fact]
    public void TryAssign_TooFewPorts_Fails()
    {
        Assert.False(HostPortAssigner.TryAssign(HostPortRequest.ForHostNetworking([0, 0, 0, 0, 0], false), Offered, null, out _, out var error));

        Assert.StartsWith("ports not available: 5 dynamic port(s) needed, offer has 4 free", error);
    }

    [Fact]
    public void TryAssign_BridgeMappings_FixedAnyAndNone()
    {
        // hostPort 31001 fixed, 0 dynamic (must avoid 31001), null (container mode without host port).
        var request = HostPortRequest.ForPortMappings([0, 31000, null, 0]);

        Assert.True(HostPortAssigner.TryAssign(request, Offered, null, out var ports, out _));

        Assert.Equal([31001, 31000, null, 31002], ports);
        Assert.Equal(3, request.Count);
    }

    [Fact]
    public void TryAssign_NoPortsRequested_SucceedsOnEmptyOffer()
    {
        Assert.True(HostPortAssigner.TryAssign(HostPortRequest.None, ValueRanges.Empty, null, out var ports, out _));
        Assert.Empty(ports);
    }
}
