using Regatta.Agent.Isolation;

namespace Regatta.Agent.Tests.Isolation;

public sealed class ProcessTreeStatisticsTests
{
    [Fact]
    public void TryParseTimes_CommWithSpacesAndParens_ReadsUtimeAndStime()
    {
        const string stat = "42 (my (odd) cmd) S 1 42 42 0 -1 4194560 100 0 0 0 350 125 0 0 20 0 1 0 100 1000 200";

        Assert.True(ProcessTreeStatistics.TryParseTimes(stat, out var user, out var system));
        Assert.Equal(350, user);
        Assert.Equal(125, system);
        Assert.False(ProcessTreeStatistics.TryParseTimes("garbage", out _, out _));
    }

    [Fact]
    public void ParseRssKb_StatusFile_ReadsVmRss()
    {
        Assert.Equal(2048, ProcessTreeStatistics.ParseRssKb("Name:\tx\nVmPeak:\t 9000 kB\nVmRSS:\t    2048 kB\nThreads:\t1\n"));
        Assert.Equal(0, ProcessTreeStatistics.ParseRssKb("Name:\tkthread\n"));
    }

    [Fact]
    public void Read_ThisProcess_ReportsPlausibleUsageAndTheRequestedLimits()
    {
        var usage = ProcessTreeStatistics.Read(Environment.ProcessId, 0.5, 256, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        Assert.NotNull(usage);
        Assert.Equal(1_700_000_000, usage.Timestamp);
        Assert.True(usage.MemRssBytes > 1024 * 1024);
        Assert.True(usage.CpusUserTimeSecs > 0);
        Assert.Equal(0.5, usage.CpusLimit);
        Assert.Equal(256L * 1024 * 1024, usage.MemLimitBytes);
        Assert.True(usage.Processes >= 1);
    }

    [Fact]
    public void Read_NoSuchProcess_IsNull() => Assert.Null(ProcessTreeStatistics.Read(int.MaxValue, null, null, DateTimeOffset.UnixEpoch));
}
