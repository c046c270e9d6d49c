using Regatta.Agent.Containerizers;
using Regatta.Agent.Core;
using Regatta.Agent.Tests.Support;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Health;

public sealed class AgentCoreHealthTests
{
    [Fact]
    public void TaskHealthChanged_ChangesThenKill_ReportsHealthAndKillsPerTaskPolicy()
    {
        var h = new CoreHarness();
        h.Register();
        var task = CoreHarness.CommandTask("t1", "sleep 100");
        task.HealthCheck = new V1.HealthCheck { Type = V1.HealthCheck.Types.Type.Http, Http = new V1.HealthCheck.Types.HTTPCheckInfo { Port = 8080 } };
        task.KillPolicy = new V1.KillPolicy { GracePeriod = new V1.DurationInfo { Nanoseconds = 1_500_000_000 } };
        var framework = CoreHarness.Framework("F-0000", V1.FrameworkInfo.Types.Capability.Types.Type.TaskKillingState);
        var runEffects = h.Run(task, framework);
        var launch = Assert.Single(runEffects.OfType<AgentEffect.Launch>());
        var pending = CoreHarness.SingleUpdate(runEffects);
        var key = launch.Task;
        var cid = launch.Container.ContainerId;

        var started = h.Core.ContainerStarted(key, cid, 42, h.Now);
        var start = Assert.Single(started.OfType<AgentEffect.StartHealthCheck>());
        Assert.Equal(cid, start.ContainerId);
        Assert.Equal(launch.Container.Sandbox, start.Sandbox);
        Assert.Equal(8080u, start.Check.Http.Port);
        Assert.Equal(launch.Container.Environment["MESOS_SANDBOX"], start.Environment["MESOS_SANDBOX"]);

        h.Core.TaskHealthChanged(key, cid, true, false, h.Now);
        h.Core.TaskHealthChanged(key, cid, false, false, h.Now);
        var kill = h.Core.TaskHealthChanged(key, cid, null, true, h.Now);
        Assert.Equal(TimeSpan.FromSeconds(1.5), Assert.Single(kill.OfType<AgentEffect.Kill>()).Grace);
        Assert.Empty(h.Core.TaskHealthChanged(key, cid, true, false, h.Now));
        h.Core.ContainerExited(key, cid, ContainerExit.Killed(15), h.Now);

        var statuses = new List<V1.TaskStatus>();
        while (pending is not null)
        {
            statuses.Add(pending);
            pending = CoreHarness.Updates(h.Ack(pending)).SingleOrDefault();
        }

        Assert.Equal(
            [V1.TaskState.TaskStarting, V1.TaskState.TaskRunning, V1.TaskState.TaskRunning, V1.TaskState.TaskRunning, V1.TaskState.TaskKilling, V1.TaskState.TaskKilled],
            statuses.Select(s => s.State));
        Assert.False(statuses[1].HasHealthy);
        Assert.True(statuses[2].Healthy);
        Assert.Equal(Reason.TaskHealthCheckStatusUpdated, statuses[2].Reason);
        Assert.True(statuses[3].HasHealthy);
        Assert.False(statuses[3].Healthy);
        Assert.False(statuses[4].Healthy);
        Assert.True(statuses[5].HasHealthy);
        Assert.False(statuses[5].Healthy);
        Assert.Equal(AgentCore.HealthKillMessage, statuses[5].Message);
        Assert.Equal(Reason.TaskHealthCheckStatusUpdated, statuses[5].Reason);
    }

    [Fact]
    public void ContainerStarted_TaskWithoutHealthCheck_StartsNoChecking()
    {
        var h = new CoreHarness();
        h.Register();
        var launch = Assert.Single(h.Run(CoreHarness.CommandTask("t1")).OfType<AgentEffect.Launch>());

        Assert.Empty(h.Core.ContainerStarted(launch.Task, launch.Container.ContainerId, 1, h.Now).OfType<AgentEffect.StartHealthCheck>());
    }

    [Fact]
    public void TaskHealthChanged_AfterAKillWasRequested_IsIgnored()
    {
        var h = new CoreHarness();
        h.Register();
        var task = CoreHarness.CommandTask("t1");
        task.HealthCheck = new V1.HealthCheck { Type = V1.HealthCheck.Types.Type.Tcp, Tcp = new V1.HealthCheck.Types.TCPCheckInfo { Port = 1 } };
        var launch = Assert.Single(h.Run(task).OfType<AgentEffect.Launch>());
        h.Core.ContainerStarted(launch.Task, launch.Container.ContainerId, 1, h.Now);
        h.Kill("t1");

        Assert.Empty(h.Core.TaskHealthChanged(launch.Task, launch.Container.ContainerId, false, true, h.Now));
        h.Core.ContainerExited(launch.Task, launch.Container.ContainerId, ContainerExit.Killed(15), h.Now);
        Assert.Equal(V1.TaskState.TaskKilled, h.Core.Updates.Stream(launch.Task)!.LatestState);
    }

    [Fact]
    public void RunTask_InvalidHealthCheck_FailsTheTaskNamingTheField()
    {
        var h = new CoreHarness();
        h.Register();
        var task = CoreHarness.CommandTask("t1");
        task.HealthCheck = new V1.HealthCheck { Type = V1.HealthCheck.Types.Type.Http };

        var effects = h.Run(task);

        Assert.Empty(effects.OfType<AgentEffect.Launch>());
        var failed = CoreHarness.SingleUpdate(effects);
        Assert.Equal(V1.TaskState.TaskFailed, failed.State);
        Assert.Equal(Reason.TaskInvalid, failed.Reason);
        Assert.Contains("health_check.http.port", failed.Message, StringComparison.Ordinal);
    }
}
