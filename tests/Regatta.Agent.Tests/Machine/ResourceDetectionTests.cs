using Regatta.Agent.Machine;
using Regatta.Resources;

namespace Regatta.Agent.Tests.Machine;

public class ResourceDetectionTests
{
    [Theory]
    [InlineData(24576L, 23552L)]
    [InlineData(2048L, 1024L)]
    [InlineData(1500L, 750L)]
    [InlineData(null, 1024L)]
    public void DetectMemoryMb_FollowsMesosRule(long? total, long expected) =>
        Assert.Equal(expected, ResourceDetection.DetectMemoryMb(total));

    [Theory]
    [InlineData(102400L, 97280L)]
    [InlineData(10240L, 5120L)]
    [InlineData(8000L, 4000L)]
    [InlineData(null, 10240L)]
    public void DetectDiskMb_FollowsMesosRule(long? total, long expected) =>
        Assert.Equal(expected, ResourceDetection.DetectDiskMb(total));

    [Fact]
    public void Complete_KeepsGivenResources_AndDetectsTheRest()
    {
        var given = ResourceText.Parse("cpus:3;gpus:1");

        var result = ResourceDetection.Complete(given, new MachineFacts(8, 4096, 20480), "*");

        Assert.Equal(3, result.Scalar("cpus"));
        Assert.Equal(1, result.Scalar("gpus"));
        Assert.Equal(3072, result.Scalar("mem"));
        Assert.Equal(15360, result.Scalar("disk"));
        Assert.Equal("[31000-32000]", result.Ranges("ports").ToString());
    }

    [Fact]
    public void Complete_DetectedResourcesTakeTheDefaultRole()
    {
        var result = ResourceDetection.Complete(ResourceSet.Empty, new MachineFacts(2, 4096, 20480), "ops");

        Assert.All(result, r => Assert.Equal("ops", r.Role));
        Assert.Equal(2, result.Scalar("cpus"));
    }

    [Fact]
    public void Complete_NothingMissing_ReturnsGivenUnchanged()
    {
        var given = ResourceText.Parse("cpus:1;mem:128;disk:10;ports:[1-2]");

        Assert.Equal(given, ResourceDetection.Complete(given, new MachineFacts(64, 999999, 999999), "*"));
    }

    [Fact]
    public void ParseMemTotalMb_ReadsTheMemTotalLine()
    {
        const string meminfo = "MemTotal:       24576000 kB\nMemFree:         1000 kB\n";

        Assert.Equal(24000, MachineProbe.ParseMemTotalMb(meminfo));
        Assert.Null(MachineProbe.ParseMemTotalMb("MemFree: 12 kB\n"));
    }
}
