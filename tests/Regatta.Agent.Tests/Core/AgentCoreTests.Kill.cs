using Regatta.Agent.Containerizers;
using Regatta.Agent.Core;
using Regatta.Agent.Tests.Support;
using Regatta.Protocol.Agent;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using Source = Regatta.Protocol.V1.TaskStatus.Types.Source;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Core;

public partial class AgentCoreTests
{
    [Fact]
    public void KillTask_Running_KillsWithPolicyGraceAndReportsKilled()
    {
        var h = new CoreHarness();
        h.Register();
        var (key, cid, starting) = Launch(h, "t1");
        h.Core.ContainerStarted(key, cid, 1, h.Now);

        var kill = Assert.Single(h.Kill("t1", grace: TimeSpan.FromSeconds(7)).OfType<AgentEffect.Kill>());
        Assert.Equal(TimeSpan.FromSeconds(7), kill.Grace);
        Assert.Equal(cid, kill.ContainerId);

        h.Core.ContainerExited(key, cid, ContainerExit.Killed(15), h.Now);
        var running = CoreHarness.SingleUpdate(h.Ack(starting));
        var killed = CoreHarness.SingleUpdate(h.Ack(running));
        Assert.Equal(V1.TaskState.TaskKilled, killed.State);
        Assert.Equal("Command terminated with signal Terminated", killed.Message);
    }

    [Fact]
    public void KillTask_WithoutPolicy_UsesTaskPolicyThenDefault()
    {
        var h = new CoreHarness();
        h.Register();
        var task = CoreHarness.CommandTask("t1");
        task.KillPolicy = new V1.KillPolicy { GracePeriod = new V1.DurationInfo { Nanoseconds = 2_000_000_000 } };
        var launch = Assert.Single(h.Run(task).OfType<AgentEffect.Launch>());
        h.Core.ContainerStarted(launch.Task, launch.Container.ContainerId, 1, h.Now);
        var (key2, cid2, _) = Launch(h, "t2");
        h.Core.ContainerStarted(key2, cid2, 2, h.Now);

        Assert.Equal(TimeSpan.FromSeconds(2), Assert.Single(h.Kill("t1").OfType<AgentEffect.Kill>()).Grace);
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(h.Kill("t2").OfType<AgentEffect.Kill>()).Grace);
    }

    [Fact]
    public void KillTask_FrameworkWithKillingState_SendsKillingFirst()
    {
        var h = new CoreHarness();
        h.Register();
        var framework = CoreHarness.Framework("F-0000", V1.FrameworkInfo.Types.Capability.Types.Type.TaskKillingState);
        var launch = Assert.Single(h.Run(CoreHarness.CommandTask("t1"), framework).OfType<AgentEffect.Launch>());
        h.Core.ContainerStarted(launch.Task, launch.Container.ContainerId, 1, h.Now);

        h.Kill("t1");

        Assert.Equal(V1.TaskState.TaskKilling, h.Core.Updates.Stream(launch.Task)!.LatestState);
    }

    [Fact]
    public void KillTask_BeforeContainerStarted_KillsOnStartAndReportsKilled()
    {
        var h = new CoreHarness();
        h.Register();
        var (key, cid, starting) = Launch(h, "t1");

        Assert.Empty(h.Kill("t1").OfType<AgentEffect.Kill>());
        var onStart = h.Core.ContainerStarted(key, cid, 5, h.Now);

        Assert.Single(onStart.OfType<AgentEffect.Kill>());
        Assert.Empty(CoreHarness.Updates(onStart));
        h.Core.ContainerExited(key, cid, ContainerExit.Killed(15), h.Now);
        Assert.Equal(V1.TaskState.TaskKilled, CoreHarness.SingleUpdate(h.Ack(starting)).State);
    }

    [Fact]
    public void KillTask_Unknown_AnswersKilledFromTheAgent()
    {
        var h = new CoreHarness();
        h.Register();

        var killed = CoreHarness.SingleUpdate(h.Kill("ghost"));

        Assert.Equal(V1.TaskState.TaskKilled, killed.State);
        Assert.Equal(Source.Agent, killed.Source);
        Assert.Equal("Task unknown to agent", killed.Message);
        Assert.Empty(h.Ack(killed));
    }

    [Fact]
    public void Refused_ForgetsIdKillsTasksAndReconnects()
    {
        var h = new CoreHarness("M-S0");
        h.Register();
        var (key, cid, _) = Launch(h, "t1");
        h.Core.ContainerStarted(key, cid, 1, h.Now);

        var effects = h.Master(new MasterMessage { Refused = new Refused { Message = "agent was removed" } });

        Assert.Null(h.Core.AgentId);
        Assert.Single(effects.OfType<AgentEffect.ForgetAgentId>());
        Assert.Single(effects.OfType<AgentEffect.Kill>());
        Assert.Single(effects.OfType<AgentEffect.Reconnect>());
        Assert.Null(h.Core.BuildRegister(3).Register.AgentInfo.Id);
        Assert.Equal(0, h.Core.LiveTaskCount);
    }

    [Fact]
    public void ShutdownFramework_KillsItsTasksWithCappedGrace()
    {
        var h = new CoreHarness();
        h.Register();
        var task = CoreHarness.CommandTask("t1");
        task.KillPolicy = new V1.KillPolicy { GracePeriod = new V1.DurationInfo { Nanoseconds = 60_000_000_000 } };
        var launch = Assert.Single(h.Run(task).OfType<AgentEffect.Launch>());
        h.Core.ContainerStarted(launch.Task, launch.Container.ContainerId, 1, h.Now);

        var effects = h.Master(new MasterMessage { ShutdownFramework = new ShutdownFramework { FrameworkId = new V1.FrameworkID { Value = "F-0000" } } });

        Assert.Equal(TimeSpan.FromSeconds(5), Assert.Single(effects.OfType<AgentEffect.Kill>()).Grace);
    }
}
