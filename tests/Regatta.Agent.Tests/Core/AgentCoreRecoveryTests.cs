using Regatta.Agent.Containerizers;
using Regatta.Agent.Core;
using Regatta.Agent.Tests.Support;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Core;

/// <summary>Checkpoints as the core emits them, and a second core rebuilt from them (what a restarted agent does).</summary>
public sealed class AgentCoreRecoveryTests
{
    [Fact]
    public void Checkpoint_PrecedesTheMessagesOfItsBatch_AndFollowsEveryChange()
    {
        var h = new CoreHarness();
        h.Register();

        var effects = h.Run(CoreHarness.CommandTask("t1"));

        var checkpoint = Assert.IsType<AgentEffect.Checkpoint>(effects[0]);
        Assert.Equal("/w/meta/slaves/M-S0/frameworks/F-0000/executors/t1", checkpoint.Dir);
        Assert.Equal(V1.TaskState.TaskStarting, Assert.Single(checkpoint.State!.Pending).State);
        var launch = Assert.Single(effects.OfType<AgentEffect.Launch>());
        Assert.Equal(checkpoint.Dir + "/exit_status", launch.Container.ExitStatusFile);

        var started = h.Core.ContainerStarted(launch.Task, launch.Container.ContainerId, 77, h.Now, pidStartTime: 123456);
        var afterStart = Assert.IsType<AgentEffect.Checkpoint>(started[0]).State!;
        Assert.Equal(77, afterStart.Pid);
        Assert.Equal(123456ul, afterStart.PidStartTime);
        Assert.True(afterStart.Started);
        Assert.Equal([V1.TaskState.TaskStarting, V1.TaskState.TaskRunning], afterStart.Pending.Select(s => s.State));
    }

    [Fact]
    public void Recover_RunningTask_ReattachesAndReportsItOnRegistration()
    {
        var (checkpoint, running) = RunningTaskCheckpoint();
        var restarted = new CoreHarness(recoveredId: "M-S0");

        var effects = restarted.Core.Recover([checkpoint]);
        var register = restarted.Core.BuildRegister(1);

        var reattach = Assert.Single(effects.OfType<AgentEffect.Reattach>());
        Assert.Equal(checkpoint.ContainerId, reattach.Container.ContainerId);
        Assert.Equal(77, reattach.Container.Pid);
        Assert.Equal(123456ul, reattach.Container.StartTime);
        Assert.False(reattach.Container.Docker);
        Assert.EndsWith("/executors/t1/exit_status", reattach.Container.ExitStatusFile, StringComparison.Ordinal);
        var task = Assert.Single(register.Register.Tasks);
        Assert.Equal(V1.TaskState.TaskRunning, task.State);
        Assert.Equal("F-0000", Assert.Single(register.Register.Frameworks).Id.Value);

        // The unacknowledged RUNNING goes out again, with its uuid, once the master admits the agent.
        var resent = CoreHarness.SingleUpdate(restarted.Register());
        Assert.Equal(running.Uuid, resent.Uuid);
    }

    [Fact]
    public void Recover_ExitWhileAway_ReportsTheRealStatusAndForgetsTheCheckpointOnAck()
    {
        var (checkpoint, running) = RunningTaskCheckpoint();
        var restarted = new CoreHarness(recoveredId: "M-S0");
        var reattach = Assert.Single(restarted.Core.Recover([checkpoint]).OfType<AgentEffect.Reattach>());
        restarted.Register();
        restarted.Ack(running);

        var exited = restarted.Core.ContainerExited(reattach.Task, reattach.Container.ContainerId, ContainerExit.Exited(7), restarted.Now);
        var failed = CoreHarness.SingleUpdate(exited);
        var gone = restarted.Ack(failed);

        Assert.Equal(V1.TaskState.TaskFailed, failed.State);
        Assert.Equal("Command exited with status 7", failed.Message);
        Assert.Null(Assert.IsType<AgentEffect.Checkpoint>(Assert.Single(gone)).State);
    }

    [Fact]
    public void Reattached_ResumesAKillDecidedBeforeTheRestart()
    {
        var h = new CoreHarness();
        h.Register();
        var launch = Assert.Single(h.Run(CoreHarness.CommandTask("t1")).OfType<AgentEffect.Launch>());
        h.Core.ContainerStarted(launch.Task, launch.Container.ContainerId, 77, h.Now, pidStartTime: 1);
        var killing = h.Kill("t1", grace: TimeSpan.FromSeconds(9));
        var checkpoint = killing.OfType<AgentEffect.Checkpoint>().Last().State!;

        var restarted = new CoreHarness(recoveredId: "M-S0");
        restarted.Core.Recover([checkpoint]);
        var kill = Assert.Single(restarted.Core.Reattached().OfType<AgentEffect.Kill>());

        Assert.Equal(launch.Container.ContainerId, kill.ContainerId);
        Assert.Equal(TimeSpan.FromSeconds(9), kill.Grace);
    }

    [Fact]
    public void Recover_TerminalAlreadyAcknowledged_DropsTheLeftoverCheckpoint()
    {
        var (checkpoint, _) = RunningTaskCheckpoint();
        checkpoint.Pending.Clear();
        checkpoint.Statuses.Add(new V1.TaskStatus { TaskId = checkpoint.Task.TaskId, State = V1.TaskState.TaskFinished });
        var restarted = new CoreHarness(recoveredId: "M-S0");

        var effects = restarted.Core.Recover([checkpoint]);

        Assert.Empty(effects.OfType<AgentEffect.Reattach>());
        Assert.Null(Assert.IsType<AgentEffect.Checkpoint>(Assert.Single(effects)).State);
        Assert.Empty(restarted.Core.BuildRegister(1).Register.Tasks);
    }

    /// <summary>A task launched, started (pid 77) and RUNNING, with STARTING acknowledged and RUNNING not.</summary>
    private static (TaskCheckpoint Checkpoint, V1.TaskStatus Running) RunningTaskCheckpoint()
    {
        var h = new CoreHarness();
        h.Register();
        var launchEffects = h.Run(CoreHarness.CommandTask("t1"));
        var starting = CoreHarness.SingleUpdate(launchEffects);
        var launch = Assert.Single(launchEffects.OfType<AgentEffect.Launch>());
        h.Core.ContainerStarted(launch.Task, launch.Container.ContainerId, 77, h.Now, pidStartTime: 123456);
        var afterAck = h.Ack(starting);
        var running = CoreHarness.SingleUpdate(afterAck);
        var checkpoint = afterAck.OfType<AgentEffect.Checkpoint>().Single().State!;
        Assert.Equal(running.Uuid, Assert.Single(checkpoint.Pending).Uuid);
        return (checkpoint, running);
    }
}
