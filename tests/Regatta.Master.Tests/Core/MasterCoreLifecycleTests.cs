using Google.Protobuf;
using Regatta.Master.Registry;
using Regatta.Master.Tests.Support;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using EventType = Regatta.Protocol.V1.Scheduler.Event.Types.Type;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;

namespace Regatta.Master.Tests.Core;

/// <summary>Failover, agent health and master restart at the state-machine level.</summary>
public sealed class MasterCoreLifecycleTests
{
    [Fact]
    public void FrameworkStreamClosed_WithinFailoverTimeout_ResubscribeKeepsTasks()
    {
        var harness = new CoreHarness();
        var (frameworkId, stream, _) = harness.Subscribe(CoreHarness.Framework(failoverTimeout: 60));
        var (agentId, agent) = harness.RegisterAgent();
        LaunchOne(harness, frameworkId, stream, agentId, "t1");

        harness.Core.FrameworkStreamClosed(frameworkId, stream, harness.Now);
        harness.Flush();
        harness.Advance(TimeSpan.FromSeconds(59));
        var info = CoreHarness.Framework(failoverTimeout: 60);
        info.Id = new FrameworkID { Value = frameworkId };
        var (_, second, result) = harness.Subscribe(info);
        harness.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(EventType.Subscribed, second.Events[0].Type);
        Assert.Single(harness.Snapshot().Frameworks.Single().Tasks);
        Assert.Empty(agent.Take(MasterMessage.KindOneofCase.ShutdownFramework));
    }

    [Fact]
    public void FrameworkStreamClosed_FailoverTimeoutExpires_FrameworkRemovedAndAgentTold()
    {
        var harness = new CoreHarness();
        var (frameworkId, stream, _) = harness.Subscribe(CoreHarness.Framework(failoverTimeout: 5));
        var (agentId, agent) = harness.RegisterAgent();
        LaunchOne(harness, frameworkId, stream, agentId, "t1");

        harness.Core.FrameworkStreamClosed(frameworkId, stream, harness.Now);
        harness.Flush();
        harness.Advance(TimeSpan.FromSeconds(4));
        Assert.Single(harness.Snapshot().Frameworks);
        harness.Advance(TimeSpan.FromSeconds(2));

        Assert.Empty(harness.Snapshot().Frameworks);
        Assert.Single(agent.Take(MasterMessage.KindOneofCase.ShutdownFramework));
        var info = CoreHarness.Framework();
        info.Id = new FrameworkID { Value = frameworkId };
        var (_, again, _) = harness.Subscribe(info);
        Assert.Equal(EventType.Error, Assert.Single(again.Events).Type);
        Assert.True(again.Closed);
    }

    [Theory]
    [InlineData(false, TaskState.TaskLost)]
    [InlineData(true, TaskState.TaskUnreachable)]
    public void AgentMissesPings_TasksLostOrUnreachableAndFailureSent(bool partitionAware, TaskState expected)
    {
        var harness = new CoreHarness(new MasterOptions
        {
            Registry = MasterOptions.InMemoryRegistry,
            AgentPingTimeout = TimeSpan.FromSeconds(1),
            MaxAgentPingTimeouts = 3,
            AllocatorSeed = 1,
        });
        var (frameworkId, stream, _) = harness.Subscribe(CoreHarness.Framework(partitionAware: partitionAware));
        var (agentId, agent) = harness.RegisterAgent();
        LaunchOne(harness, frameworkId, stream, agentId, "t1");

        for (var i = 0; i < 3; i++)
        {
            harness.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, agent.Take(MasterMessage.KindOneofCase.Ping).Count);
        Assert.Empty(stream.Take(EventType.Failure));
        harness.Advance(TimeSpan.FromSeconds(1));

        var status = Assert.Single(stream.Take(EventType.Update)).Update.Status;
        Assert.Equal(expected, status.State);
        Assert.Equal(Reason.AgentRemoved, status.Reason);
        Assert.False(status.HasUuid);
        Assert.Equal(partitionAware, status.UnreachableTime is not null);
        Assert.Equal(agentId, Assert.Single(stream.Take(EventType.Failure)).Failure.AgentId.Value);
        Assert.NotNull(agent.ClosedWith);
        var snapshot = harness.Snapshot();
        Assert.Empty(snapshot.Agents);
        Assert.Single(snapshot.UnreachableAgents);
        Assert.Equal(partitionAware ? 1 : 0, snapshot.Frameworks.Single().UnreachableTasks.Count);
    }

    [Fact]
    public void AgentAnswersPings_StaysRegistered()
    {
        var harness = new CoreHarness(new MasterOptions
        {
            Registry = MasterOptions.InMemoryRegistry,
            AgentPingTimeout = TimeSpan.FromSeconds(1),
            MaxAgentPingTimeouts = 2,
        });
        var (_, agent) = harness.RegisterAgent();

        for (var i = 0; i < 10; i++)
        {
            harness.Advance(TimeSpan.FromSeconds(1));
            foreach (var ping in agent.Take(MasterMessage.KindOneofCase.Ping))
            {
                harness.AgentSends(agent, new AgentMessage { Pong = new Pong { Sequence = ping.Ping.Sequence } });
            }
        }

        Assert.Single(harness.Snapshot().Agents);
        Assert.Null(agent.ClosedWith);
    }

    [Fact]
    public void AgentConnectionClosed_OffersRescindedThenUnreachableAfterGrace()
    {
        var harness = new CoreHarness(new MasterOptions
        {
            Registry = MasterOptions.InMemoryRegistry,
            AgentPingTimeout = TimeSpan.FromSeconds(1),
            MaxAgentPingTimeouts = 3,
        });
        var (_, stream, _) = harness.Subscribe(CoreHarness.Framework());
        var (agentId, agent) = harness.RegisterAgent();
        var offer = Assert.Single(Assert.Single(stream.Take(EventType.Offers)).Offers.Offers_);

        harness.Core.AgentConnectionClosed(agent, harness.Now);
        harness.Flush();

        Assert.Equal(offer.Id, Assert.Single(stream.Take(EventType.Rescind)).Rescind.OfferId);
        Assert.False(harness.Snapshot().Agents.Single().Active);
        harness.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Single(harness.Snapshot().Agents);
        Assert.Empty(stream.Take(EventType.Offers));
        harness.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Empty(harness.Snapshot().Agents);
        Assert.Equal(agentId, Assert.Single(stream.Take(EventType.Failure)).Failure.AgentId.Value);
    }

    [Fact]
    public void OfferTimeout_Expires_RescindedAndReoffered()
    {
        var harness = new CoreHarness(new MasterOptions { Registry = MasterOptions.InMemoryRegistry, OfferTimeout = TimeSpan.FromSeconds(10) });
        var (_, stream, _) = harness.Subscribe(CoreHarness.Framework());
        harness.RegisterAgent();
        var offer = Assert.Single(Assert.Single(stream.Take(EventType.Offers)).Offers.Offers_);

        harness.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(stream.Take(EventType.Rescind));
        harness.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(offer.Id, Assert.Single(stream.Take(EventType.Rescind)).Rescind.OfferId);
        var reoffer = Assert.Single(Assert.Single(stream.Take(EventType.Offers)).Offers.Offers_);
        Assert.NotEqual(offer.Id, reoffer.Id);
    }

    [Fact]
    public void Reconcile_ExplicitOnUnreachableAgent_PartitionAwareGetsUnreachable()
    {
        var harness = new CoreHarness(new MasterOptions
        {
            Registry = MasterOptions.InMemoryRegistry,
            AgentPingTimeout = TimeSpan.FromSeconds(1),
            MaxAgentPingTimeouts = 1,
        });
        var (frameworkId, stream, _) = harness.Subscribe(CoreHarness.Framework(partitionAware: true));
        var (agentId, _) = harness.RegisterAgent();
        harness.Advance(TimeSpan.FromSeconds(1));
        harness.Advance(TimeSpan.FromSeconds(1));
        stream.Events.Clear();
        var reconcile = new Call.Types.Reconcile();
        reconcile.Tasks.Add(new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = "x" }, AgentId = new AgentID { Value = agentId } });
        reconcile.Tasks.Add(new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = "y" }, AgentId = new AgentID { Value = "never-seen" } });

        harness.Send(frameworkId, stream.StreamId, new Call { Type = Call.Types.Type.Reconcile, Reconcile = reconcile });

        var states = stream.Take(EventType.Update).Select(e => e.Update.Status).ToList();
        Assert.Equal([TaskState.TaskUnreachable, TaskState.TaskUnknown], states.Select(s => s.State));
        Assert.NotNull(states[0].UnreachableTime);
    }

    [Fact]
    public async System.Threading.Tasks.Task Recover_AfterRestart_AgentReregistersAndRunningTaskKept()
    {
        var first = new CoreHarness();
        var (frameworkId, stream, _) = first.Subscribe(CoreHarness.Framework(failoverTimeout: 3600));
        var (agentId, agent) = first.RegisterAgent();
        LaunchOne(first, frameworkId, stream, agentId, "t1");
        var uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray());
        first.AgentSends(agent, CoreHarness.Update(frameworkId, agentId, "t1", TaskState.TaskRunning, uuid));
        var registry = await first.LoadRegistryAsync();

        var second = new CoreHarness(registry: registry);
        var recovered = second.Snapshot();
        Assert.True(recovered.Frameworks.Single().Recovered);
        Assert.Equal(agentId, Assert.Single(recovered.RecoveredAgents).Id.Value);
        Assert.Equal(TaskState.TaskRunning, recovered.Frameworks.Single().Tasks.Single().State);

        var reported = recovered.Frameworks.Single().Tasks.Single().Clone();
        var register = new Register { AgentInfo = recovered.RecoveredAgents.Single().Clone() };
        register.Tasks.Add(reported);
        register.Frameworks.Add(recovered.Frameworks.Single().Info);
        var (reregisteredId, connection) = second.RegisterAgent(register: register);
        var info = CoreHarness.Framework(failoverTimeout: 3600);
        info.Id = new FrameworkID { Value = frameworkId };
        var (_, newStream, _) = second.Subscribe(info);
        second.Send(frameworkId, newStream.StreamId, new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile() });

        Assert.Equal(agentId, reregisteredId);
        var registered = connection.Messages.Single(m => m.KindCase == MasterMessage.KindOneofCase.Registered).Registered;
        Assert.Empty(registered.KillTasks);
        var status = newStream.Take(EventType.Update).Single().Update.Status;
        Assert.Equal(TaskState.TaskRunning, status.State);
        var snapshot = second.Snapshot();
        Assert.False(snapshot.Frameworks.Single().Recovered);
        Assert.Equal(1, snapshot.Agents.Single().Used.Scalar("cpus"));
    }

    [Fact]
    public async System.Threading.Tasks.Task Recover_AgentDoesNotReturn_TasksLostAfterReregisterTimeout()
    {
        var first = new CoreHarness();
        var (frameworkId, stream, _) = first.Subscribe(CoreHarness.Framework(failoverTimeout: 3600));
        var (agentId, _) = first.RegisterAgent();
        LaunchOne(first, frameworkId, stream, agentId, "t1");
        var registry = await first.LoadRegistryAsync();
        var second = new CoreHarness(
            new MasterOptions { Registry = MasterOptions.InMemoryRegistry, AgentReregisterTimeout = TimeSpan.FromMinutes(10) },
            registry);
        var info = CoreHarness.Framework(failoverTimeout: 3600);
        info.Id = new FrameworkID { Value = frameworkId };
        var (_, newStream, _) = second.Subscribe(info);

        second.Advance(TimeSpan.FromMinutes(10));

        var status = Assert.Single(newStream.Take(EventType.Update)).Update.Status;
        Assert.Equal(TaskState.TaskLost, status.State);
        Assert.Equal(agentId, Assert.Single(newStream.Take(EventType.Failure)).Failure.AgentId.Value);
        Assert.Contains(second.LastMutations, m => m.Key == RegistryKeys.Unreachable(agentId));
    }

    [Fact]
    public void Reregister_UnknownFrameworkWithoutInfo_TaskKilled()
    {
        var harness = new CoreHarness();
        var register = new Register { AgentInfo = new AgentInfo { Hostname = "a", Id = new AgentID { Value = "old-S1" } } };
        register.Tasks.Add(new Regatta.Protocol.V1.Task
        {
            Name = "orphan",
            TaskId = new TaskID { Value = "orphan" },
            FrameworkId = new FrameworkID { Value = "gone-fw" },
            AgentId = new AgentID { Value = "old-S1" },
            State = TaskState.TaskRunning,
        });

        var (agentId, connection) = harness.RegisterAgent(register: register);

        Assert.Equal("old-S1", agentId);
        var registered = connection.Messages.Single(m => m.KindCase == MasterMessage.KindOneofCase.Registered).Registered;
        Assert.Equal("orphan", Assert.Single(registered.KillTasks).Value);
    }

    private static void LaunchOne(CoreHarness harness, string frameworkId, RecordingFrameworkStream stream, string agentId, string taskId)
    {
        var offer = Assert.Single(Assert.Single(stream.Take(EventType.Offers)).Offers.Offers_);
        harness.Send(frameworkId, stream.StreamId, CoreHarness.Accept([offer], [CoreHarness.Task(taskId, agentId)]));
    }
}
