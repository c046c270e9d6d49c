using Regatta.Master.Tests.Support;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using EventType = Regatta.Protocol.V1.Scheduler.Event.Types.Type;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using Task = System.Threading.Tasks.Task;

namespace Regatta.Master.Tests.Hosting;

/// <summary>
/// A scheduler over HTTP and a fake agent over the real WebSocket protocol against a real master:
/// subscribe → offer → launch → running → ack → kill → reconcile → teardown.
/// </summary>
public sealed class MasterEndToEndTests : IAsyncLifetime
{
    private MasterHost _master = null!;
    private SchedulerTestClient _client = null!;

    public async Task InitializeAsync()
    {
        _master = await TestMaster.StartAsync();
        _client = new SchedulerTestClient(_master.Endpoint);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _master.DisposeAsync();
    }

    [Fact]
    public async Task Launch_Run_Ack_Kill_Reconcile_Teardown()
    {
        await using var scheduler = await _client.SubscribeAsync(new FrameworkInfo { User = "root", Name = "e2e" });
        await using var agent = await FakeAgent.ConnectAsync(_master.Endpoint);
        var registered = await agent.RegisterAsync("cpus:2;mem:1024");
        Assert.Equal(_master.MasterId, registered.MasterInfo.Id);

        var offer = (await scheduler.NextAsync(EventType.Offers)).Offers.Offers_.Single();
        Assert.Equal(agent.AgentId, offer.AgentId.Value);
        var (acceptStatus, _) = await _client.PostAsync(scheduler, CoreHarness.Accept([offer], [CoreHarness.Task("web-1", agent.AgentId, "cpus:1;mem:256")]));
        Assert.Equal(202, acceptStatus);

        var runTask = (await agent.NextAsync(MasterMessage.KindOneofCase.RunTask)).RunTask;
        Assert.Equal("web-1", runTask.Task.TaskId.Value);
        Assert.Equal(scheduler.FrameworkId, runTask.Framework.Id.Value);

        var running = await agent.SendUpdateAsync(scheduler.FrameworkId, "web-1", TaskState.TaskRunning);
        var update = (await scheduler.NextAsync(EventType.Update)).Update.Status;
        Assert.Equal(TaskState.TaskRunning, update.State);
        Assert.Equal(running, update.Uuid);

        Assert.Equal(202, (await _client.PostAsync(scheduler, Ack(agent.AgentId, "web-1", update.Uuid))).Status);
        var ack = (await agent.NextAsync(MasterMessage.KindOneofCase.Acknowledge)).Acknowledge;
        Assert.Equal(running, ack.Uuid);

        var snapshot = await _master.SnapshotAsync(CancellationToken.None);
        Assert.Equal(TaskState.TaskRunning, snapshot.Frameworks.Single().Tasks.Single().State);
        Assert.Equal(1, snapshot.Agents.Single().Used.Scalar("cpus"));

        var kill = new Call { Type = Call.Types.Type.Kill, Kill = new Call.Types.Kill { TaskId = new TaskID { Value = "web-1" } } };
        Assert.Equal(202, (await _client.PostAsync(scheduler, kill)).Status);
        Assert.Equal("web-1", (await agent.NextAsync(MasterMessage.KindOneofCase.KillTask)).KillTask.TaskId.Value);

        await agent.SendUpdateAsync(scheduler.FrameworkId, "web-1", TaskState.TaskKilled);
        var killed = (await scheduler.NextAsync(EventType.Update)).Update.Status;
        Assert.Equal(TaskState.TaskKilled, killed.State);
        await _client.PostAsync(scheduler, Ack(agent.AgentId, "web-1", killed.Uuid));
        await agent.NextAsync(MasterMessage.KindOneofCase.Acknowledge);

        var reconcile = new Call.Types.Reconcile();
        reconcile.Tasks.Add(new Call.Types.Reconcile.Types.Task { TaskId = new TaskID { Value = "web-1" }, AgentId = new AgentID { Value = agent.AgentId } });
        await _client.PostAsync(scheduler, new Call { Type = Call.Types.Type.Reconcile, Reconcile = reconcile });
        var reconciled = (await scheduler.NextAsync(EventType.Update)).Update.Status;
        Assert.Equal(Reason.Reconciliation, reconciled.Reason);
        Assert.Equal(TaskState.TaskLost, reconciled.State);

        snapshot = await _master.SnapshotAsync(CancellationToken.None);
        Assert.Empty(snapshot.Frameworks.Single().Tasks);
        Assert.Equal(TaskState.TaskKilled, snapshot.Frameworks.Single().CompletedTasks.Single().State);

        Assert.Equal(202, (await _client.PostAsync(scheduler, new Call { Type = Call.Types.Type.Teardown })).Status);
        await scheduler.Ended.WaitAsync(TimeSpan.FromSeconds(10));
        snapshot = await _master.SnapshotAsync(CancellationToken.None);
        Assert.Empty(snapshot.Frameworks);
        Assert.Equal(scheduler.FrameworkId, snapshot.CompletedFrameworks.Single().Id);
    }

    [Fact]
    public async Task Teardown_RunningTask_AgentToldToShutDownFramework()
    {
        await using var scheduler = await _client.SubscribeAsync(new FrameworkInfo { User = "root", Name = "teardown" });
        await using var agent = await FakeAgent.ConnectAsync(_master.Endpoint);
        await agent.RegisterAsync();
        var offer = (await scheduler.NextAsync(EventType.Offers)).Offers.Offers_.Single();
        await _client.PostAsync(scheduler, CoreHarness.Accept([offer], [CoreHarness.Task("t", agent.AgentId)]));
        await agent.NextAsync(MasterMessage.KindOneofCase.RunTask);

        await _client.PostAsync(scheduler, new Call { Type = Call.Types.Type.Teardown });

        Assert.Equal(scheduler.FrameworkId, (await agent.NextAsync(MasterMessage.KindOneofCase.ShutdownFramework)).ShutdownFramework.FrameworkId.Value);
    }

    [Fact]
    public async Task Decline_ThenRevive_OfferComesBack()
    {
        await using var scheduler = await _client.SubscribeAsync(new FrameworkInfo { User = "root", Name = "decline" });
        await using var agent = await FakeAgent.ConnectAsync(_master.Endpoint);
        await agent.RegisterAsync();
        var offer = (await scheduler.NextAsync(EventType.Offers)).Offers.Offers_.Single();

        var decline = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = 3600 } };
        decline.OfferIds.Add(offer.Id);
        await _client.PostAsync(scheduler, new Call { Type = Call.Types.Type.Decline, Decline = decline });
        await Assert.ThrowsAsync<TimeoutException>(() => scheduler.NextAsync(EventType.Offers, timeoutSeconds: 1));

        await _client.PostAsync(scheduler, new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive() });

        var again = (await scheduler.NextAsync(EventType.Offers)).Offers.Offers_.Single();
        Assert.NotEqual(offer.Id.Value, again.Id.Value);
    }

    [Fact]
    public async Task Failover_StreamDropsAndTimeoutExpires_FrameworkRemovedAndReSubscribeRefused()
    {
        var info = new FrameworkInfo { User = "root", Name = "failover", FailoverTimeout = 0.5 };
        var scheduler = await _client.SubscribeAsync(info);
        var frameworkId = scheduler.FrameworkId;
        await scheduler.DisposeAsync();

        var snapshot = await SchedulerEndpointTests.RetryUntilAsync(
            () => _master.SnapshotAsync(CancellationToken.None), s => s.CompletedFrameworks.Count == 1);

        Assert.Equal(frameworkId, snapshot.CompletedFrameworks.Single().Id);
        info.Id = new FrameworkID { Value = frameworkId };
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _client.SubscribeAsync(info));
        Assert.Contains("Framework has been removed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failover_ResubscribeWithinTimeout_KeepsFrameworkAndGetsNewStream()
    {
        var info = new FrameworkInfo { User = "root", Name = "failover-ok", FailoverTimeout = 60 };
        var first = await _client.SubscribeAsync(info);
        var frameworkId = first.FrameworkId;
        await first.DisposeAsync();
        await SchedulerEndpointTests.RetryUntilAsync(
            () => _master.SnapshotAsync(CancellationToken.None), s => !s.Frameworks.Single().Connected);

        info.Id = new FrameworkID { Value = frameworkId };
        await using var second = await _client.SubscribeAsync(info);

        Assert.Equal(frameworkId, second.FrameworkId);
        Assert.NotEqual(first.StreamId, second.StreamId);
        var snapshot = await _master.SnapshotAsync(CancellationToken.None);
        Assert.True(snapshot.Frameworks.Single().Connected);
    }

    [Fact]
    public async Task OperatorSubscription_SeesAgentAndFrameworkEvents()
    {
        using var subscription = await _master.SubscribeOperatorEventsAsync(100, CancellationToken.None);
        Assert.Empty(subscription.Snapshot.Agents);

        await using var agent = await FakeAgent.ConnectAsync(_master.Endpoint);
        await agent.RegisterAsync();
        await using var scheduler = await _client.SubscribeAsync(new FrameworkInfo { User = "root", Name = "observed" });

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var first = await subscription.Events.ReadAsync(timeout.Token);
        var second = await subscription.Events.ReadAsync(timeout.Token);
        Assert.Equal(Regatta.Protocol.V1.Master.Event.Types.Type.AgentAdded, first.Type);
        Assert.Equal(agent.AgentId, first.AgentAdded.Agent.AgentInfo.Id.Value);
        Assert.Equal(Regatta.Protocol.V1.Master.Event.Types.Type.FrameworkAdded, second.Type);
    }

    internal static Call Ack(string agentId, string taskId, Google.Protobuf.ByteString uuid) => new()
    {
        Type = Call.Types.Type.Acknowledge,
        Acknowledge = new Call.Types.Acknowledge { AgentId = new AgentID { Value = agentId }, TaskId = new TaskID { Value = taskId }, Uuid = uuid },
    };
}
