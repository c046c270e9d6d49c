using Regatta.Agent.Isolation;

namespace Regatta.Agent.Tests.Isolation;

public sealed class CgroupValuesTests
{
    [Theory]
    [InlineData(1.0, 1024)]
    [InlineData(0.5, 512)]
    [InlineData(2.25, 2304)]
    [InlineData(0.001, 2)]
    [InlineData(0.0, 2)]
    public void CpuShares_Cpus_Are1024PerCpuWithAMinimumOf2(double cpus, long shares) => Assert.Equal(shares, CgroupValues.CpuShares(cpus));

    [Theory]
    [InlineData(2, 1)]
    [InlineData(1024, 39)]
    [InlineData(262_144, 10_000)]
    [InlineData(1_000_000, 10_000)]
    public void CpuWeight_Shares_MapOntoTheV2Range(long shares, long weight) => Assert.Equal(weight, CgroupValues.CpuWeight(shares));

    [Theory]
    [InlineData(1.0, 100_000)]
    [InlineData(0.5, 50_000)]
    [InlineData(0.001, 1_000)]
    public void CfsQuotaMicros_Cpus_AreCpusTimesThePeriod(double cpus, long quota) => Assert.Equal(quota, CgroupValues.CfsQuotaMicros(cpus));

    [Theory]
    [InlineData(64, 64L * 1024 * 1024)]
    [InlineData(1, 32L * 1024 * 1024)]
    [InlineData(1024.5, 1074266112L)]
    public void MemoryLimitBytes_Megabytes_HaveA32MbMinimum(double mb, long bytes) => Assert.Equal(bytes, CgroupValues.MemoryLimitBytes(mb));

    [Fact]
    public void ParseFlatKeyed_StatFile_ReadsNumbersAndSkipsGarbage()
    {
        var values = CgroupValues.ParseFlatKeyed("user 120\nsystem 35\nbogus\nname text\n  rss   4096  \n");

        Assert.Equal(120, values["user"]);
        Assert.Equal(35, values["system"]);
        Assert.Equal(4096, values["rss"]);
        Assert.False(values.ContainsKey("name"));
        Assert.Equal(3, values.Count);
    }

    [Fact]
    public void ParseSingle_MaxOrGarbage_IsNull()
    {
        Assert.Equal(67108864, CgroupValues.ParseSingle("67108864\n"));
        Assert.Null(CgroupValues.ParseSingle("max\n"));
        Assert.Null(CgroupValues.ParseSingle(""));
    }
}
