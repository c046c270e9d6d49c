using Regatta.Master.Metrics;

namespace Regatta.Master.Tests.Metrics;

public sealed class ProcSystemStatsTests
{
    [Fact]
    public void ParseMemInfo_KilobyteLines_ReturnsBytes()
    {
        var (total, free) = ProcSystemStats.ParseMemInfo("MemTotal:       16318372 kB\nMemFree:         1234 kB\nMemAvailable:  999 kB\n");

        Assert.Equal(16318372L * 1024, total);
        Assert.Equal(1234L * 1024, free);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("MemTotal: lots kB\n")]
    public void ParseMemInfo_Unreadable_ReturnsUnknown(string? text) =>
        Assert.Equal((null, null), ProcSystemStats.ParseMemInfo(text));

    [Fact]
    public void ParseLoadAvg_Line_ReturnsThreeAverages() =>
        Assert.Equal((0.52, 0.58, 0.59), ProcSystemStats.ParseLoadAvg("0.52 0.58 0.59 1/467 12345\n"));

    [Theory]
    [InlineData(null)]
    [InlineData("0.5 x 1")]
    [InlineData("0.5")]
    public void ParseLoadAvg_Malformed_ReturnsNull(string? text) => Assert.Null(ProcSystemStats.ParseLoadAvg(text));

    [Fact]
    public void Read_FakeProcRoot_ReadsBothFiles()
    {
        var root = Directory.CreateTempSubdirectory("regatta-proc-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, "meminfo"), "MemTotal: 2048 kB\nMemFree: 1024 kB\n");
            File.WriteAllText(Path.Combine(root.FullName, "loadavg"), "1.00 2.00 3.00 1/1 1\n");

            var stats = new ProcSystemStats(root.FullName).Read();

            Assert.Equal(new SystemStats(Environment.ProcessorCount, 2048 * 1024, 1024 * 1024, 1, 2, 3), stats);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Read_MissingFiles_LeavesFiguresUnknown()
    {
        var stats = new ProcSystemStats("/nonexistent-proc-root").Read();

        Assert.Null(stats.MemTotalBytes);
        Assert.Null(stats.Load1Min);
    }
}
