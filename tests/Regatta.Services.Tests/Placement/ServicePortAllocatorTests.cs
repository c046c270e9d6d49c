using Regatta.Services.Placement;

namespace Regatta.Services.Tests.Placement;

public class ServicePortAllocatorTests
{
    private static readonly IReadOnlySet<int> None = new HashSet<int>();

    [Fact]
    public void TryAllocate_NewAppZeros_LowestFreeFromRange()
    {
        Assert.True(ServicePortAllocator.TryAllocate([0, 0], null, new HashSet<int> { 10000, 10002 }, ServicePortRange.Default, out var ports, out var errors));

        Assert.Equal([10001, 10003], ports);
        Assert.Empty(errors);
    }

    [Fact]
    public void TryAllocate_ExplicitPortTakenByOtherApp_ValidationError()
    {
        Assert.False(ServicePortAllocator.TryAllocate([0, 10005], null, new HashSet<int> { 10005 }, ServicePortRange.Default, out _, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal(1, error.Index);
        Assert.Equal("Requested service port 10005 conflicts with a service port in use by another app", error.Message);
    }

    [Fact]
    public void TryAllocate_ExplicitPortOutsideRange_Allowed()
    {
        Assert.True(ServicePortAllocator.TryAllocate([80, 0], null, None, ServicePortRange.Default, out var ports, out _));

        Assert.Equal([80, 10000], ports);
    }

    [Fact]
    public void TryAllocate_UpdateWithZeros_KeepsPreviousPorts()
    {
        // Another app took 10000 after ours got 10003/10004; re-posting with 0s must not move ours.
        Assert.True(ServicePortAllocator.TryAllocate([0, 0], [10003, 10004], new HashSet<int> { 10000 }, ServicePortRange.Default, out var ports, out _));

        Assert.Equal([10003, 10004], ports);
    }

    [Fact]
    public void TryAllocate_UpdateAddsPort_OldKeptNewFromRange()
    {
        Assert.True(ServicePortAllocator.TryAllocate([0, 0, 0], [10007, 10008], None, ServicePortRange.Default, out var ports, out _));

        Assert.Equal([10007, 10008, 10000], ports);
    }

    [Fact]
    public void TryAllocate_UpdateExplicitTakesPreviousOfOtherIndex_ReusesRemainingPrevious()
    {
        Assert.True(ServicePortAllocator.TryAllocate([10008, 0], [10007, 10008], None, ServicePortRange.Default, out var ports, out _));

        Assert.Equal([10008, 10007], ports);
    }

    [Fact]
    public void TryAllocate_DuplicateExplicitPorts_Error()
    {
        Assert.False(ServicePortAllocator.TryAllocate([10001, 10001], null, None, ServicePortRange.Default, out _, out var errors));

        Assert.Equal("Port numbers must be unique.", Assert.Single(errors).Message);
    }

    [Fact]
    public void TryAllocate_RangeExhausted_Error()
    {
        var range = new ServicePortRange(10000, 10001);

        Assert.False(ServicePortAllocator.TryAllocate([0, 0], null, new HashSet<int> { 10000 }, range, out _, out var errors));

        Assert.Equal(new ServicePortError(1, "no free service port left in the range [10000, 10001]"), Assert.Single(errors));
    }

    [Fact]
    public void TryAllocate_ManyAppsSequentially_PortsUniqueAcrossApps()
    {
        var used = new HashSet<int>();
        var random = new Random(11);
        for (var app = 0; app < 200; app++)
        {
            var requested = Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(4) == 0 ? random.Next(10000, 10400) : 0).ToList();
            if (ServicePortAllocator.TryAllocate(requested, null, used, ServicePortRange.Default, out var ports, out _))
            {
                Assert.Equal(ports.Count, ports.Distinct().Count());
                Assert.All(ports, p => Assert.True(used.Add(p), $"port {p} given twice"));
            }
        }

        Assert.NotEmpty(used);
    }
}
