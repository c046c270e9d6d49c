using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Paths;
using Regatta.Agent.Tests.Support;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests;

/// <summary>
/// A real agent stopped without killing its tasks (as <c>regatta agent --recover=reconnect</c> stops) and started again
/// on the same work_dir: it re-attaches to the processes, keeps its id, resends what was not acknowledged and reports
/// the exits that happened while it was away.
/// </summary>
public sealed class AgentRecoveryTests : IDisposable
{
    private const string FrameworkId = "F-0000";
    private static readonly TimeSpan Bound = FakeMaster.Timeout;
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Restart_KeepsRunningTasks_ResendsUnacknowledged_AndReportsExitsWhileAway()
    {
        await using var master = await FakeMaster.StartAsync();
        var first = await StartAgentAsync(master);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");
        await master.SendAsync(FakeMaster.RunTask("long", "sleep 300"));
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        var unacked = await master.NextUpdateAsync();
        await master.SendAsync(FakeMaster.RunTask("short", "sleep 1; exit 7"));
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        var shortRunning = await master.NextUpdateAsync();
        await master.AckAsync(shortRunning, FrameworkId);
        var longPid = (int)unacked.ContainerStatus.ExecutorPid;
        var shortPid = (int)shortRunning.ContainerStatus.ExecutorPid;

        await first.DisposeAsync();
        Assert.True(await ProcessProbe.AllDeadAsync([shortPid], Bound), "the short task should end while no agent runs");
        Assert.True(ProcessProbe.IsAlive(longPid), "stopping the agent must leave its tasks running");

        await using var second = await StartAgentAsync(master);
        var register = (await master.NextRegisterAsync()).Register;
        await master.RegisteredAsync("M-S0");
        var updates = new List<V1.TaskStatus>();
        while (!updates.Any(u => u.TaskId.Value == "long") || !updates.Any(u => u.TaskId.Value == "short" && u.State == V1.TaskState.TaskFailed))
        {
            var update = await master.NextUpdateAsync();
            updates.Add(update);
            await master.AckAsync(update, FrameworkId);
        }

        Assert.Equal("M-S0", register.AgentInfo.Id.Value);
        Assert.Equal(["long", "short"], register.Tasks.Select(t => t.TaskId.Value).Order());
        Assert.Equal(V1.TaskState.TaskRunning, register.Tasks.Single(t => t.TaskId.Value == "long").State);
        Assert.Equal(unacked.Uuid, Assert.Single(updates, u => u.TaskId.Value == "long").Uuid);
        Assert.Equal("Command exited with status 7", updates.Single(u => u.State == V1.TaskState.TaskFailed).Message);
        Assert.True(ProcessProbe.IsAlive(longPid));

        await master.SendAsync(new MasterMessage
        {
            KillTask = new KillTask { FrameworkId = new V1.FrameworkID { Value = FrameworkId }, TaskId = new V1.TaskID { Value = "long" } },
        });
        var killed = await master.NextUpdateAsync();
        await master.AckAsync(killed, FrameworkId);

        Assert.Equal(V1.TaskState.TaskKilled, killed.State);
        Assert.True(await ProcessProbe.AllDeadAsync([longPid], Bound));
        var executors = new AgentPaths(_dir.Path).MetaFrameworksDir("M-S0");
        await ProcessProbe.EventuallyAsync(() => !Directory.EnumerateFiles(executors, "task.checkpoint", SearchOption.AllDirectories).Any(), Bound);
    }

    [Theory]
    [InlineData("remove-latest")]
    [InlineData("cleanup")]
    public async Task Restart_AsANewAgent_KillsTheTasksOfTheOldIdentity(string how)
    {
        await using var master = await FakeMaster.StartAsync();
        var first = await StartAgentAsync(master);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");
        await master.SendAsync(FakeMaster.RunTask("long", "sleep 300"));
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        var running = await master.NextUpdateAsync();
        var pid = (int)running.ContainerStatus.ExecutorPid;
        await first.DisposeAsync();
        Assert.True(ProcessProbe.IsAlive(pid));
        if (how == "remove-latest")
        {
            File.Delete(new AgentPaths(_dir.Path).LatestAgentPointer);
        }

        await using var second = await StartAgentAsync(master, recover: how == "cleanup" ? "cleanup" : "reconnect");
        var register = (await master.NextRegisterAsync()).Register;

        Assert.Null(register.AgentInfo.Id);
        Assert.Empty(register.Tasks);
        Assert.True(await ProcessProbe.AllDeadAsync([pid], Bound), "the old identity's task must not live on unsupervised");
    }

    public void Dispose() => _dir.Dispose();

    private async Task<AgentHost> StartAgentAsync(FakeMaster master, string recover = "reconnect")
    {
        var options = master.AgentOptions(_dir.Path) with { KillTasksOnShutdown = false, Recover = recover };
        return await AgentHost.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
    }
}
