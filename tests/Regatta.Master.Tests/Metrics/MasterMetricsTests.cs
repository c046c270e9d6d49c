using Regatta.Master.Metrics;
using Regatta.Master.Tests.Http;

namespace Regatta.Master.Tests.Metrics;

public sealed class MasterMetricsTests
{
    private static readonly SystemStats System = new(8, 16L << 30, 4L << 30, 0.5, 0.25, 0.125);

    private static Dictionary<string, double> Collect() =>
        MasterMetrics.Collect(OperatorTestSnapshots.OneOfEach(), System).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Collect_OneOfEach_CountsAgentsFrameworksOffersAndTasks()
    {
        var metrics = Collect();

        Assert.Equal(1, metrics["master/elected"]);
        Assert.Equal(100, metrics["master/uptime_secs"]);
        Assert.Equal(1, metrics["master/slaves_active"]);
        Assert.Equal(0, metrics["master/slaves_inactive"]);
        Assert.Equal(1, metrics["master/slaves_connected"]);
        Assert.Equal(0, metrics["master/slaves_unreachable"]);
        Assert.Equal(1, metrics["master/frameworks_active"]);
        Assert.Equal(1, metrics["master/outstanding_offers"]);
        Assert.Equal(1, metrics["master/tasks_running"]);
        Assert.Equal(1, metrics["master/tasks_staging"]);
        Assert.Equal(1, metrics["master/tasks_unreachable"]);
        Assert.Equal(1, metrics["master/tasks_finished"]);
        Assert.Equal(0, metrics["master/tasks_gone_by_operator"]);
        Assert.Equal(3, metrics["master/messages_launch_tasks"]);
        Assert.Equal(0, metrics["master/slave_registrations"]);
    }

    [Fact]
    public void Collect_OneOfEach_ResourceTotalsUsedAndPercent()
    {
        var metrics = Collect();

        Assert.Equal(6, metrics["master/cpus_total"]);
        Assert.Equal(1, metrics["master/cpus_used"]);
        Assert.Equal(1.0 / 6, metrics["master/cpus_percent"], 9);
        Assert.Equal(1024, metrics["master/mem_total"]);
        Assert.Equal(0, metrics["master/gpus_percent"]);
        Assert.Equal(0.5, metrics["allocator/mesos/roles/*/shares/dominant"]);
    }

    [Fact]
    public void Collect_OneOfEach_AllocatorAndSystemFigures()
    {
        var metrics = Collect();

        Assert.Equal(7, metrics["allocator/mesos/allocation_runs"]);
        Assert.Equal(1.5, metrics["allocator/mesos/allocation_run_ms"]);
        Assert.Equal(4, metrics["allocator/mesos/allocation_run_ms/max"]);
        Assert.Equal(3, metrics["allocator/mesos/allocation_run_ms/mean"]);
        Assert.Equal(8, metrics["system/cpus_total"]);
        Assert.Equal(16L << 30, metrics["system/mem_total_bytes"]);
        Assert.Equal(0.25, metrics["system/load_5min"]);
    }

    [Fact]
    public void Collect_UnknownSystemFigures_AreLeftOut()
    {
        var metrics = MasterMetrics.Collect(OperatorTestSnapshots.OneOfEach(), SystemStats.Unknown).Select(p => p.Key).ToList();

        Assert.Contains("system/cpus_total", metrics);
        Assert.DoesNotContain("system/mem_free_bytes", metrics);
        Assert.DoesNotContain("system/load_1min", metrics);
        Assert.Equal(metrics.Order(StringComparer.Ordinal), metrics);
    }
}
