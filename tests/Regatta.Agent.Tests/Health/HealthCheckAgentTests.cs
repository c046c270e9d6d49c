using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Core;
using Regatta.Agent.Tests.Fetcher;
using Regatta.Agent.Tests.Support;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Health;

public sealed class HealthCheckAgentTests : IDisposable
{
    private const string FrameworkId = "F-0000";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Agent_FailingHttpHealthCheck_ReportsHealthyThenUnhealthyThenKillsTheTask()
    {
        // Healthy for the first two checks, then the endpoint starts failing.
        await using var endpoint = await LocalHttpServer.StartAsync((context, hit) =>
        {
            context.Response.StatusCode = hit <= 2 ? 200 : 500;
            return Task.CompletedTask;
        });
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await AgentHost.StartAsync(
            master.AgentOptions(_dir.Path) with { FetcherCacheDir = Path.Combine(_dir.Path, "fetch") },
            NullLoggerFactory.Instance,
            TimeProvider.System,
            CancellationToken.None);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");

        var task = new V1.TaskInfo
        {
            Name = "web",
            TaskId = new V1.TaskID { Value = "web" },
            AgentId = new V1.AgentID { Value = "M-S0" },
            Command = new V1.CommandInfo { Value = "sleep 300" },
            HealthCheck = new V1.HealthCheck
            {
                Type = V1.HealthCheck.Types.Type.Http,
                Http = new V1.HealthCheck.Types.HTTPCheckInfo { Port = (uint)endpoint.Port, Path = "/health" },
                DelaySeconds = 0,
                IntervalSeconds = 0.1,
                TimeoutSeconds = 5,
                GracePeriodSeconds = 0,
                ConsecutiveFailures = 2,
            },
            KillPolicy = new V1.KillPolicy { GracePeriod = new V1.DurationInfo { Nanoseconds = 1_000_000_000 } },
        };
        var framework = new V1.FrameworkInfo { Id = new V1.FrameworkID { Value = FrameworkId }, Name = "test", User = "root" };
        framework.Capabilities.Add(new V1.FrameworkInfo.Types.Capability { Type = V1.FrameworkInfo.Types.Capability.Types.Type.TaskKillingState });
        await master.SendAsync(new MasterMessage { RunTask = new RunTask { Framework = framework, Task = task } });

        var statuses = new List<V1.TaskStatus>();
        while (statuses.Count == 0 || statuses[^1].State != V1.TaskState.TaskKilled)
        {
            var status = await master.NextUpdateAsync();
            statuses.Add(status);
            await master.AckAsync(status, FrameworkId);
        }

        Assert.Equal(
            [V1.TaskState.TaskStarting, V1.TaskState.TaskRunning, V1.TaskState.TaskRunning, V1.TaskState.TaskRunning, V1.TaskState.TaskKilling, V1.TaskState.TaskKilled],
            statuses.Select(s => s.State));
        Assert.True(statuses[2].Healthy);
        Assert.Equal(V1.TaskStatus.Types.Reason.TaskHealthCheckStatusUpdated, statuses[2].Reason);
        Assert.True(statuses[3].HasHealthy);
        Assert.False(statuses[3].Healthy);
        var killed = statuses[^1];
        Assert.True(killed.HasHealthy);
        Assert.False(killed.Healthy);
        Assert.Equal(AgentCore.HealthKillMessage, killed.Message);
        Assert.Equal(4, endpoint.Hits);
    }

    public void Dispose() => _dir.Dispose();
}
