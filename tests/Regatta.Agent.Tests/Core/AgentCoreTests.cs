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
    public void BuildRegister_NewAgent_HasNoIdAndNoTasks()
    {
        var h = new CoreHarness();

        var register = h.Core.BuildRegister(7).Register;

        Assert.Null(register.AgentInfo.Id);
        Assert.Equal("agent-host", register.AgentInfo.Hostname);
        Assert.Equal(5051, register.AgentInfo.Port);
        Assert.Equal(7UL, register.ConnectionEpoch);
        Assert.Contains(register.AgentInfo.Resources, r => r.Name == "cpus" && r.Scalar.Value == 2);
        Assert.Contains(register.AgentInfo.Attributes, a => a.Name == "rack");
        Assert.Empty(register.Tasks);
    }

    [Fact]
    public void Registered_CheckpointsTheIdAndAnnouncesIt()
    {
        var h = new CoreHarness();

        var effects = h.Register("M-S4");

        Assert.Equal("M-S4", h.Core.AgentId);
        Assert.True(h.Core.IsRegistered);
        Assert.Equal(TimeSpan.FromSeconds(15), h.Core.PingInterval);
        Assert.Equal("M-S4", Assert.Single(effects.OfType<AgentEffect.SaveAgentInfo>()).Info.Id.Value);
        Assert.Single(effects.OfType<AgentEffect.AnnounceRegistered>());
    }

    [Fact]
    public void Ping_IsAnsweredWithPongOfTheSameSequence()
    {
        var h = new CoreHarness();

        var effects = h.Master(new MasterMessage { Ping = new Ping { Sequence = 12 } });

        Assert.Equal(12UL, Assert.Single(effects.OfType<AgentEffect.Send>()).Message.Pong.Sequence);
    }

    [Fact]
    public void RunTask_SendsStartingAndLaunchesInTheMesosSandbox()
    {
        var h = new CoreHarness();
        h.Register();

        var effects = h.Run(CoreHarness.CommandTask("t1", "echo hi"));

        var starting = CoreHarness.SingleUpdate(effects);
        Assert.Equal(V1.TaskState.TaskStarting, starting.State);
        Assert.Equal(Source.Executor, starting.Source);
        Assert.Equal(16, starting.Uuid.Length);
        Assert.Equal("M-S0", starting.AgentId.Value);
        Assert.Equal("t1", starting.ExecutorId.Value);
        Assert.Equal(CoreHarness.T0.ToUnixTimeSeconds(), (long)starting.Timestamp);
        var launch = Assert.Single(effects.OfType<AgentEffect.Launch>());
        Assert.Equal($"/w/slaves/M-S0/frameworks/F-0000/executors/t1/runs/{launch.Container.ContainerId}", launch.Container.Sandbox);
        Assert.True(Guid.TryParse(launch.Container.ContainerId, out _));
        Assert.Equal("root", launch.Container.User);
        Assert.Equal("t1", launch.Container.Environment["MESOS_TASK_ID"]);
        Assert.Equal("10.0.0.5:5051", launch.Container.Environment["MESOS_AGENT_ENDPOINT"]);
        Assert.Equal("mesos-" + launch.Container.ContainerId, launch.Container.Environment["MESOS_CONTAINER_NAME"]);
        Assert.Equal(launch.Container.ContainerId, starting.ContainerStatus.ContainerId.Value);
    }

    [Fact]
    public void RunTask_CommandEnvironmentOverridesAgentVariables()
    {
        var h = new CoreHarness();
        h.Register();
        var task = CoreHarness.CommandTask("t1");
        task.Command.Environment = new V1.Environment();
        task.Command.Environment.Variables.Add(new V1.Environment.Types.Variable { Name = "MESOS_SANDBOX", Value = "/custom" });
        task.Command.Environment.Variables.Add(new V1.Environment.Types.Variable { Name = "FOO", Value = "bar" });
        task.Command.User = "nobody";

        var launch = Assert.Single(h.Run(task).OfType<AgentEffect.Launch>());

        Assert.Equal("/custom", launch.Container.Environment["MESOS_SANDBOX"]);
        Assert.Equal("bar", launch.Container.Environment["FOO"]);
        Assert.Equal("nobody", launch.Container.User);
    }

    [Fact]
    public void Lifecycle_OnlyTheHeadIsInFlight_UntilAcknowledged()
    {
        var h = new CoreHarness();
        h.Register();
        var launchEffects = h.Run(CoreHarness.CommandTask("t1"));
        var starting = CoreHarness.SingleUpdate(launchEffects);
        var launch = Assert.Single(launchEffects.OfType<AgentEffect.Launch>());
        var key = launch.Task;
        var cid = launch.Container.ContainerId;

        Assert.Empty(CoreHarness.Updates(h.Core.ContainerStarted(key, cid, 4242, h.Now)));
        Assert.Empty(CoreHarness.Updates(h.Core.ContainerExited(key, cid, ContainerExit.Exited(0), h.Now)));

        var running = CoreHarness.SingleUpdate(h.Ack(starting));
        Assert.Equal(V1.TaskState.TaskRunning, running.State);
        Assert.Equal(4242u, running.ContainerStatus.ExecutorPid);

        var finished = CoreHarness.SingleUpdate(h.Ack(running));
        Assert.Equal(V1.TaskState.TaskFinished, finished.State);
        Assert.Equal("Command exited with status 0", finished.Message);

        var forgotten = Assert.Single(h.Ack(finished));
        Assert.Null(Assert.IsType<AgentEffect.Checkpoint>(forgotten).State);
        var snapshot = h.Core.Snapshot();
        Assert.Empty(snapshot.Frameworks);
        var completed = Assert.Single(Assert.Single(snapshot.CompletedFrameworks).CompletedExecutors);
        Assert.Equal(V1.TaskState.TaskFinished, Assert.Single(completed.CompletedTasks).State);
        Assert.Equal(1, snapshot.TerminalTaskCounts[V1.TaskState.TaskFinished]);
    }

    [Fact]
    public void ContainerExited_NonZero_FailsWithMesosMessage()
    {
        var h = new CoreHarness();
        h.Register();
        var (key, cid, starting) = Launch(h, "t1");
        h.Core.ContainerStarted(key, cid, 1, h.Now);
        var running = CoreHarness.SingleUpdate(h.Ack(starting));
        h.Core.ContainerExited(key, cid, ContainerExit.Killed(11), h.Now);

        var failed = CoreHarness.SingleUpdate(h.Ack(running));

        Assert.Equal(V1.TaskState.TaskFailed, failed.State);
        Assert.Equal("Command terminated with signal Segmentation fault", failed.Message);
    }

    [Fact]
    public void ContainerLaunchFailed_FailsWithLaunchReasonFromTheAgent()
    {
        var h = new CoreHarness();
        h.Register();
        var (key, cid, starting) = Launch(h, "t1");
        h.Core.ContainerLaunchFailed(key, cid, "Failed to execute 'nope': No such file or directory", h.Now);

        var failed = CoreHarness.SingleUpdate(h.Ack(starting));

        Assert.Equal(V1.TaskState.TaskFailed, failed.State);
        Assert.Equal(Reason.ContainerLaunchFailed, failed.Reason);
        Assert.Equal(Source.Agent, failed.Source);
        Assert.Contains("No such file or directory", failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("executor", "Custom executors are not supported")]
    [InlineData("docker", "Docker containerizer not enabled")]
    [InlineData("nocommand", "no CommandInfo")]
    [InlineData("badid", "must not contain '/'")]
    public void RunTask_Unsupported_FailsWithoutLaunching(string kind, string expected)
    {
        var h = new CoreHarness();
        h.Register();
        var task = CoreHarness.CommandTask(kind == "badid" ? "a/b" : "t1");
        switch (kind)
        {
            case "executor":
                task.Executor = new V1.ExecutorInfo { ExecutorId = new V1.ExecutorID { Value = "e" } };
                task.Command = null;
                break;
            case "docker":
                task.Container = new V1.ContainerInfo { Type = V1.ContainerInfo.Types.Type.Docker };
                break;
            case "nocommand":
                task.Command = null;
                break;
        }

        var effects = h.Run(task);

        Assert.Empty(effects.OfType<AgentEffect.Launch>());
        var failed = CoreHarness.SingleUpdate(effects);
        Assert.Equal(V1.TaskState.TaskFailed, failed.State);
        Assert.Contains(expected, failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunTask_SecretEnvironmentVariable_FailsTheTask()
    {
        var h = new CoreHarness();
        h.Register();
        var task = CoreHarness.CommandTask("t1");
        task.Command.Environment = new V1.Environment();
        task.Command.Environment.Variables.Add(new V1.Environment.Types.Variable { Name = "S", Type = V1.Environment.Types.Variable.Types.Type.Secret });

        var effects = h.Run(task);

        Assert.Empty(effects.OfType<AgentEffect.Launch>());
        Assert.Contains("secret", CoreHarness.SingleUpdate(effects).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunTask_ForAnotherAgentOrBeforeRegistration_IsIgnored()
    {
        var h = new CoreHarness();
        Assert.Empty(h.Run(CoreHarness.CommandTask("t1")));

        h.Register();
        Assert.Empty(h.Run(CoreHarness.CommandTask("t1", agentId: "other")));
    }

    [Fact]
    public void BuildRegister_AfterDisconnect_ReportsTasksFrameworksAndTheUpdateInFlight()
    {
        var h = new CoreHarness();
        h.Register();
        var (key, cid, starting) = Launch(h, "t1");
        h.Core.ContainerStarted(key, cid, 1, h.Now);
        h.Core.Disconnected();

        var register = h.Core.BuildRegister(2).Register;

        Assert.Equal("M-S0", register.AgentInfo.Id.Value);
        var task = Assert.Single(register.Tasks);
        Assert.Equal(V1.TaskState.TaskRunning, task.State);
        Assert.Equal(V1.TaskState.TaskStarting, task.StatusUpdateState);
        Assert.Equal(starting.Uuid, task.StatusUpdateUuid);
        Assert.Equal(2, task.Statuses.Count);
        Assert.Equal("F-0000", Assert.Single(register.Frameworks).Id.Value);
    }

    [Fact]
    public void Registered_Again_ResendsTheHeadAndKillsListedTasks()
    {
        var h = new CoreHarness();
        h.Register();
        var (key, cid, starting) = Launch(h, "t1");
        h.Core.ContainerStarted(key, cid, 1, h.Now);
        h.Core.Disconnected();

        var effects = h.Master(new MasterMessage
        {
            Registered = new Registered
            {
                AgentId = new V1.AgentID { Value = "M-S0" },
                MasterInfo = new V1.MasterInfo { Id = "M2", Ip = 1, Port = 5050 },
                KillTasks = { new V1.TaskID { Value = "t1" } },
            },
        });

        Assert.Equal(starting.Uuid, CoreHarness.SingleUpdate(effects).Uuid);
        Assert.Single(effects.OfType<AgentEffect.Kill>());
    }

    [Fact]
    public void RetryDue_ResendsTheUnacknowledgedHead()
    {
        var h = new CoreHarness();
        h.Register();
        var (_, _, starting) = Launch(h, "t1");

        Assert.Equal(CoreHarness.T0.AddSeconds(10), h.Core.NextRetryAt);
        var resent = CoreHarness.SingleUpdate(h.Core.RetryDue(CoreHarness.T0.AddSeconds(10)));

        Assert.Equal(starting.Uuid, resent.Uuid);
        Assert.Equal(CoreHarness.T0.AddSeconds(30), h.Core.NextRetryAt);
    }

    [Fact]
    public void Snapshot_ShowsLiveTaskWithExecutorAndUsage()
    {
        var h = new CoreHarness();
        h.Register();
        var (key, cid, _) = Launch(h, "t1");
        h.Core.ContainerStarted(key, cid, 1, h.Now);

        var snapshot = h.Core.Snapshot();

        var executor = Assert.Single(Assert.Single(snapshot.Frameworks).Executors);
        Assert.Equal("t1", executor.Id);
        Assert.Equal("Command Executor (Task: t1) (Command: sh -c 'echo hi')", executor.Name);
        Assert.Equal(cid, executor.ContainerId);
        Assert.Equal(V1.TaskState.TaskRunning, Assert.Single(executor.Tasks).State);
        Assert.Equal(0.5, snapshot.UsedScalars["cpus"]);
        Assert.Equal(1, snapshot.LiveTaskStates[V1.TaskState.TaskRunning]);
    }

    private static (TaskKey Key, string ContainerId, V1.TaskStatus Starting) Launch(CoreHarness h, string taskId)
    {
        var effects = h.Run(CoreHarness.CommandTask(taskId));
        var launch = Assert.Single(effects.OfType<AgentEffect.Launch>());
        return (launch.Task, launch.Container.ContainerId, CoreHarness.SingleUpdate(effects));
    }
}
