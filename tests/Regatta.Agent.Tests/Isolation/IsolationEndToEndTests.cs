using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Isolation;
using Regatta.Agent.Tests.Support;
using Regatta.Protocol.Agent;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Isolation;

/// <summary>The agent with <c>--isolation cgroups/cpu,cgroups/mem</c> on real cgroups, driven by a fake master.</summary>
public sealed class IsolationEndToEndTests : IDisposable
{
    private const string FrameworkId = "F-iso";
    private static readonly TimeSpan Bound = FakeMaster.Timeout;
    private readonly TempDirectory _dir = new();
    private readonly string _root = "regatta-e2e-" + Guid.NewGuid().ToString("N")[..8];

    [CgroupsFact]
    public async Task Agent_MemoryHog_FailsWithTheMemoryLimitationReason()
    {
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");

        await master.SendAsync(RunTask("hog", "x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done", cpus: 0.5, mem: 64));
        var status = await NextAckedAsync(master);
        while (!Protocol.TaskStates.IsTerminal(status.State))
        {
            status = await NextAckedAsync(master);
        }

        Assert.Equal(V1.TaskState.TaskFailed, status.State);
        Assert.Equal(Reason.ContainerLimitationMemory, status.Reason);
        Assert.Equal(V1.TaskStatus.Types.Source.Executor, status.Source);
        Assert.StartsWith("Memory limit exceeded: Requested: 64MB Maximum Used: ", status.Message);
    }

    [CgroupsFact]
    public async Task Agent_RunningTask_HasCpuSharesAndShowsOnMonitorStatistics()
    {
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");

        await master.SendAsync(RunTask("sleeper", "sleep 300", cpus: 0.5, mem: 128));
        var starting = await NextAckedAsync(master);
        Assert.Equal(V1.TaskState.TaskRunning, (await NextAckedAsync(master)).State);
        var containerId = starting.ContainerStatus.ContainerId.Value;
        var layout = CgroupLayout.Detect(CgroupFileSystem.Instance, CgroupsFactAttribute.Hierarchy)!;
        if (layout.Version == CgroupVersion.V1)
        {
            Assert.Equal("512", File.ReadAllText(Path.Combine(layout.Cpu, _root, containerId, "cpu.shares")).Trim());
        }

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{agent.BoundPort}"), Timeout = Bound };
        // Memory charged before the task joined its cgroup stays with the old one, so usage can read 0 for a moment.
        var statisticsDeadline = DateTime.UtcNow + Bound;
        while ((long?)JsonNode.Parse(await http.GetStringAsync("/monitor/statistics"))!.AsArray().FirstOrDefault()?["statistics"]?["mem_total_bytes"] is null or 0
            && DateTime.UtcNow < statisticsDeadline)
        {
            await Task.Delay(50);
        }

        foreach (var path in new[] { "/monitor/statistics", "/monitor/statistics.json", "/slave(1)/monitor/statistics" })
        {
            var entries = JsonNode.Parse(await http.GetStringAsync(path))!.AsArray();
            var entry = Assert.Single(entries)!;
            Assert.Equal("sleeper", (string?)entry["executor_id"]);
            Assert.Equal(FrameworkId, (string?)entry["framework_id"]);
            Assert.StartsWith("Command Executor", (string?)entry["executor_name"], StringComparison.Ordinal);
            var statistics = entry["statistics"]!;
            Assert.Equal(0.5, (double)statistics["cpus_limit"]!);
            Assert.Equal(128L * 1024 * 1024, (long)statistics["mem_limit_bytes"]!);
            Assert.True((long)statistics["mem_total_bytes"]! > 0);
            Assert.True((double)statistics["cpus_user_time_secs"]! >= 0);
            Assert.True((double)statistics["timestamp"]! > 1_600_000_000);
        }

        var metrics = JsonNode.Parse(await http.GetStringAsync("/metrics/snapshot"))!;
        Assert.Equal(0.0, (double)metrics["containerizer/mesos/container_destroy_errors"]!);
        Assert.Equal("cgroups/cpu,cgroups/mem", (string?)JsonNode.Parse(await http.GetStringAsync("/flags"))!["flags"]!["isolation"]);

        await agent.DisposeAsync().AsTask().WaitAsync(Bound);
        // Cleanup follows the container's exit on the reaper thread; on a loaded machine it may trail the dispose.
        var cgroup = Path.Combine(layout.Memory, _root, containerId);
        var until = DateTime.UtcNow + Bound;
        while (Directory.Exists(cgroup) && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        Assert.False(Directory.Exists(cgroup), $"{cgroup} was not removed");
    }

    [Fact]
    public async Task Agent_PosixIsolation_ReportsProcessTreeUsageOnMonitorStatistics()
    {
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master, "posix/cpu,posix/mem");
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");

        await master.SendAsync(RunTask("plain", "sleep 300", cpus: 0.25, mem: 32));
        await NextAckedAsync(master);
        Assert.Equal(V1.TaskState.TaskRunning, (await NextAckedAsync(master)).State);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{agent.BoundPort}"), Timeout = Bound };
        var entry = Assert.Single(JsonNode.Parse(await http.GetStringAsync("/monitor/statistics"))!.AsArray())!;
        var statistics = entry["statistics"]!;
        Assert.Equal("plain", (string?)entry["executor_id"]);
        Assert.Equal(0.25, (double)statistics["cpus_limit"]!);
        Assert.Equal(32L * 1024 * 1024, (long)statistics["mem_limit_bytes"]!);
        Assert.True((long)statistics["mem_rss_bytes"]! > 0);
        Assert.Equal(404, (int)(await http.GetAsync("/monitor/other")).StatusCode);
        Assert.Equal("posix/cpu,posix/mem", (string?)JsonNode.Parse(await http.GetStringAsync("/flags"))!["flags"]!["isolation"]);
    }

    public void Dispose()
    {
        if (CgroupLayout.Detect(CgroupFileSystem.Instance, CgroupsFactAttribute.Hierarchy) is { } layout)
        {
            foreach (var root in layout.Roots)
            {
                CgroupFileSystem.Instance.RemoveDirectory(Path.Combine(root, _root));
            }
        }

        _dir.Dispose();
    }

    private static async Task<V1.TaskStatus> NextAckedAsync(FakeMaster master)
    {
        var status = await master.NextUpdateAsync();
        await master.AckAsync(status, FrameworkId);
        return status;
    }

    private async Task<AgentHost> StartAgentAsync(FakeMaster master, string isolation = "cgroups/cpu,cgroups/mem")
    {
        var options = master.AgentOptions(_dir.Path) with
        {
            Resources = "cpus:2;mem:1024;disk:1024",
            Isolation = isolation,
            CgroupsRoot = _root,
        };
        return await AgentHost.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
    }

    private static MasterMessage RunTask(string taskId, string command, double cpus, double mem)
    {
        var task = new V1.TaskInfo
        {
            Name = taskId,
            TaskId = new V1.TaskID { Value = taskId },
            AgentId = new V1.AgentID { Value = "M-S0" },
            Command = new V1.CommandInfo { Value = command },
        };
        task.Resources.Add(CgroupsIntegrationTests.Scalar("cpus", cpus));
        task.Resources.Add(CgroupsIntegrationTests.Scalar("mem", mem));
        return new MasterMessage
        {
            RunTask = new RunTask
            {
                Framework = new V1.FrameworkInfo { Id = new V1.FrameworkID { Value = FrameworkId }, Name = "test", User = "root" },
                Task = task,
            },
        };
    }
}
