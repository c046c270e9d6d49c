namespace Regatta.Master.Tests.Http;

public sealed class MetricsRoutesTests
{
    [Fact]
    public async Task Snapshot_OneAgentOneTask_ReportsMesosMetricNames()
    {
        await using var cluster = await OperatorTestCluster.StartAsync(runningTasks: 1);

        using var json = await cluster.Master.GetJsonAsync("/metrics/snapshot");

        var metrics = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(1, metrics["master/elected"]);
        Assert.True(metrics["master/uptime_secs"] >= 0);
        Assert.Equal(1, metrics["master/slaves_active"]);
        Assert.Equal(1, metrics["master/slaves_connected"]);
        Assert.Equal(0, metrics["master/slaves_unreachable"]);
        Assert.Equal(1, metrics["master/frameworks_active"]);
        Assert.Equal(1, metrics["master/frameworks_connected"]);
        Assert.Equal(1, metrics["master/tasks_running"]);
        Assert.Equal(0, metrics["master/tasks_staging"]);
        Assert.Equal(2, metrics["master/cpus_total"]);
        Assert.Equal(0.5, metrics["master/cpus_used"]);
        Assert.Equal(0.25, metrics["master/cpus_percent"]);
        Assert.Equal(1024, metrics["master/mem_total"]);
        Assert.Equal(0, metrics["master/gpus_total"]);
        Assert.Equal(1, metrics["master/slave_registrations"]);
        Assert.True(metrics["master/messages_launch_tasks"] >= 1);
        Assert.True(metrics["allocator/mesos/allocation_runs"] >= 1);
        Assert.True(metrics.ContainsKey("allocator/mesos/allocation_run_ms"));
        Assert.True(metrics["allocator/mesos/roles/*/shares/dominant"] >= 0.25);
        Assert.Equal(4, metrics["system/cpus_total"]);
        Assert.Equal(8L << 30, metrics["system/mem_total_bytes"]);
        Assert.Equal(0.5, metrics["system/load_1min"]);
        Assert.Contains("master/tasks_gone_by_operator", metrics.Keys);
        Assert.Contains("master/outstanding_offers", metrics.Keys);
    }
}
