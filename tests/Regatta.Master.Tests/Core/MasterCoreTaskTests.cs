using Google.Protobuf;
using Regatta.Master.Core;
using Regatta.Master.Registry;
using Regatta.Master.Tests.Support;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using EventType = Regatta.Protocol.V1.Scheduler.Event.Types.Type;
using MasterEventType = Regatta.Protocol.V1.Master.Event.Types.Type;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Tests.Core;

/// <summary>Launch, status updates, acknowledgements, kills and reconciliation at the state-machine level.</summary>
public sealed class MasterCoreTaskTests
{
    private readonly CoreHarness _harness = new();
    private readonly string _frameworkId;
    private readonly RecordingFrameworkStream _stream;
    private readonly string _agentId;
    private readonly RecordingAgentConnection _agent;

    public MasterCoreTaskTests()
    {
        (_frameworkId, _stream, _) = _harness.Subscribe(CoreHarness.Framework());
        (_agentId, _agent) = _harness.RegisterAgent("cpus:4;mem:4096");
    }

    [Fact]
    public void Accept_ValidTask_PersistedWithRunTaskAfterIt()
    {
        var offer = TakeOffer();

        var result = Send(CoreHarness.Accept([offer], [CoreHarness.Task("t1", _agentId)]));

        Assert.Equal(202, result.StatusCode);
        var runTask = Assert.Single(_agent.Take(MasterMessage.KindOneofCase.RunTask)).RunTask;
        Assert.Equal("t1", runTask.Task.TaskId.Value);
        Assert.All(runTask.Task.Resources, r => Assert.Equal("*", r.AllocationInfo.Role));
        var persisted = _harness.LastMutations.Single(m => m.Key == RegistryKeys.Task(_frameworkId, "t1"));
        Assert.Equal(TaskState.TaskStaging, Regatta.Protocol.V1.Task.Parser.ParseFrom(persisted.Value).State);
        Assert.Contains(_harness.OperatorEvents, e => e.Type == MasterEventType.TaskAdded);
        var task = Assert.Single(_harness.Snapshot().Frameworks.Single().Tasks);
        Assert.Equal(TaskState.TaskStaging, task.State);
    }

    [Fact]
    public void Accept_TaskNeedsMoreThanOffered_TaskErrorAndNothingLaunched()
    {
        var offer = TakeOffer();

        Send(CoreHarness.Accept([offer], [CoreHarness.Task("big", _agentId, "cpus:8;mem:128")]));

        var status = Assert.Single(_stream.Take(EventType.Update)).Update.Status;
        Assert.Equal(TaskState.TaskError, status.State);
        Assert.Equal(Reason.TaskInvalid, status.Reason);
        Assert.Contains("more resources", status.Message, StringComparison.Ordinal);
        Assert.False(status.HasUuid);
        Assert.Empty(_agent.Take(MasterMessage.KindOneofCase.RunTask));
    }

    [Fact]
    public void Accept_DuplicateTaskIdInOneCall_SecondGetsTaskError()
    {
        var offer = TakeOffer();

        Send(CoreHarness.Accept([offer], [CoreHarness.Task("dup", _agentId), CoreHarness.Task("dup", _agentId)]));

        Assert.Single(_agent.Take(MasterMessage.KindOneofCase.RunTask));
        var status = Assert.Single(_stream.Take(EventType.Update)).Update.Status;
        Assert.Equal(TaskState.TaskError, status.State);
        Assert.Contains("duplicate", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_UnknownOffer_TaskLostWithInvalidOffers()
    {
        var offer = TakeOffer();
        offer = offer.Clone();
        offer.Id = new OfferID { Value = "M-O999" };

        Send(CoreHarness.Accept([offer], [CoreHarness.Task("t1", _agentId)]));

        var status = Assert.Single(_stream.Take(EventType.Update)).Update.Status;
        Assert.Equal(TaskState.TaskLost, status.State);
        Assert.Equal(Reason.InvalidOffers, status.Reason);
        Assert.Equal(TaskStatus.Types.Source.Master, status.Source);
    }

    [Fact]
    public void Accept_OfferUsedTwice_SecondLaunchLost()
    {
        var offer = TakeOffer();
        Send(CoreHarness.Accept([offer], [CoreHarness.Task("t1", _agentId)]));

        Send(CoreHarness.Accept([offer], [CoreHarness.Task("t2", _agentId)]));

        var status = Assert.Single(_stream.Take(EventType.Update)).Update.Status;
        Assert.Equal("t2", status.TaskId.Value);
        Assert.Equal(TaskState.TaskLost, status.State);
    }

    [Fact]
    public void Accept_UnusedResources_ReofferedToOthersNotToSameFrameworkUntilFilterExpires()
    {
        var offer = TakeOffer();
        Send(CoreHarness.Accept([offer], [CoreHarness.Task("t1", _agentId)], refuseSeconds: 30));
        Assert.Empty(_stream.Take(EventType.Offers));

        _harness.Advance(TimeSpan.FromSeconds(31));
        _harness.Core.Allocate(_harness.Now, null, TimeSpan.Zero);
        _harness.Flush();

        var reoffer = Assert.Single(Assert.Single(_stream.Take(EventType.Offers)).Offers.Offers_);
        Assert.Equal(3, reoffer.Resources.Single(r => r.Name == "cpus").Scalar.Value);
    }

    [Fact]
    public void Decline_RefuseZero_ReofferedAtNextRun()
    {
        var offer = TakeOffer();
        var decline = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = 0 } };
        decline.OfferIds.Add(offer.Id);

        Send(new Call { Type = Call.Types.Type.Decline, Decline = decline });

        Assert.Single(_stream.Take(EventType.Offers));
        Assert.DoesNotContain(_harness.Core.Offers.Values, o => o.Id == offer.Id.Value);
    }

    [Fact]
    public void Decline_DefaultFilter_NotReofferedWithinFiveSeconds()
    {
        var offer = TakeOffer();
        var decline = new Call.Types.Decline();
        decline.OfferIds.Add(offer.Id);

        Send(new Call { Type = Call.Types.Type.Decline, Decline = decline });
        _harness.Advance(TimeSpan.FromSeconds(4));
        _harness.Core.Allocate(_harness.Now, null, TimeSpan.Zero);
        _harness.Flush();

        Assert.Empty(_stream.Take(EventType.Offers));
    }

    [Fact]
    public void StatusUpdate_Running_ForwardedAndTaskStateUpdated()
    {
        Launch("t1");
        var uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray());

        _harness.AgentSends(_agent, CoreHarness.Update(_frameworkId, _agentId, "t1", TaskState.TaskRunning, uuid));

        var status = Assert.Single(_stream.Take(EventType.Update)).Update.Status;
        Assert.Equal(TaskState.TaskRunning, status.State);
        Assert.Equal(uuid, status.Uuid);
        var task = _harness.Snapshot().Frameworks.Single().Tasks.Single();
        Assert.Equal(TaskState.TaskRunning, task.State);
        Assert.Equal(uuid, task.StatusUpdateUuid);
        Assert.Contains(_harness.OperatorEvents, e => e.Type == MasterEventType.TaskUpdated && e.TaskUpdated.State == TaskState.TaskRunning);
    }

    [Fact]
    public void Acknowledge_TerminalUpdate_ForwardedAndTaskCompletedAndResourcesFreed()
    {
        Launch("t1");
        var uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray());
        _harness.AgentSends(_agent, CoreHarness.Update(_frameworkId, _agentId, "t1", TaskState.TaskFinished, uuid));
        Assert.Empty(_harness.Snapshot().Agents.Single().AllocatedByRole);

        var result = Send(new Call
        {
            Type = Call.Types.Type.Acknowledge,
            Acknowledge = new Call.Types.Acknowledge { AgentId = new AgentID { Value = _agentId }, TaskId = new TaskID { Value = "t1" }, Uuid = uuid },
        });

        Assert.Equal(202, result.StatusCode);
        var ack = Assert.Single(_agent.Take(MasterMessage.KindOneofCase.Acknowledge)).Acknowledge;
        Assert.Equal(uuid, ack.Uuid);
        var framework = _harness.Snapshot().Frameworks.Single();
        Assert.Empty(framework.Tasks);
        Assert.Equal(TaskState.TaskFinished, Assert.Single(framework.CompletedTasks).State);
        Assert.Contains(_harness.LastMutations, m => m.Key == RegistryKeys.Task(_frameworkId, "t1") && m.Value is null);
    }

    [Fact]
    public void Kill_KnownTask_KillTaskToAgent()
    {
        Launch("t1");

        Send(new Call { Type = Call.Types.Type.Kill, Kill = new Call.Types.Kill { TaskId = new TaskID { Value = "t1" } } });

        var kill = Assert.Single(_agent.Take(MasterMessage.KindOneofCase.KillTask)).KillTask;
        Assert.Equal("t1", kill.TaskId.Value);
        Assert.Equal(_frameworkId, kill.FrameworkId.Value);
    }

    [Fact]
    public void Kill_UnknownTaskOnRegisteredAgent_ReconcileAnswersLost()
    {
        Send(new Call
        {
            Type = Call.Types.Type.Kill,
            Kill = new Call.Types.Kill { TaskId = new TaskID { Value = "nope" }, AgentId = new AgentID { Value = _agentId } },
        });

        var status = Assert.Single(_stream.Take(EventType.Update)).Update.Status;
        Assert.Equal(TaskState.TaskLost, status.State);
        Assert.Equal(Reason.Reconciliation, status.Reason);
        Assert.Empty(_agent.Take(MasterMessage.KindOneofCase.KillTask));
    }

    [Fact]
    public void Reconcile_Implicit_OneUpdatePerTaskWithoutUuid()
    {
        Launch("t1");
        Launch("t2");
        _harness.AgentSends(_agent, CoreHarness.Update(_frameworkId, _agentId, "t1", TaskState.TaskRunning));

        Send(new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile() });

        var statuses = _stream.Take(EventType.Update).Select(e => e.Update.Status).Where(s => s.Reason == Reason.Reconciliation).ToList();
        Assert.Equal(["t1", "t2"], statuses.Select(s => s.TaskId.Value));
        Assert.Equal([TaskState.TaskRunning, TaskState.TaskStaging], statuses.Select(s => s.State));
        Assert.All(statuses, s => Assert.False(s.HasUuid));
        Assert.All(statuses, s => Assert.Equal(TaskStatus.Types.Source.Master, s.Source));
    }

    [Fact]
    public void Teardown_RunningTask_ShutdownFrameworkToAgentAndFrameworkCompleted()
    {
        Launch("t1");

        var result = Send(new Call { Type = Call.Types.Type.Teardown });

        Assert.Equal(202, result.StatusCode);
        Assert.Single(_agent.Take(MasterMessage.KindOneofCase.ShutdownFramework));
        Assert.True(_stream.Closed);
        var snapshot = _harness.Snapshot();
        Assert.Empty(snapshot.Frameworks);
        var completed = Assert.Single(snapshot.CompletedFrameworks);
        Assert.Equal(TaskState.TaskKilled, Assert.Single(completed.CompletedTasks).State);
        Assert.Contains(_harness.LastMutations, m => m.Key == RegistryKeys.RemovedFramework(_frameworkId) && m.Value is not null);
        Assert.Contains(_harness.OperatorEvents, e => e.Type == MasterEventType.FrameworkRemoved);
    }

    [Fact]
    public void Suppress_ThenRevive_OffersStopAndResume()
    {
        var offer = TakeOffer();
        Send(new Call { Type = Call.Types.Type.Suppress, Suppress = new Call.Types.Suppress() });
        var decline = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = 0 } };
        decline.OfferIds.Add(offer.Id);
        Send(new Call { Type = Call.Types.Type.Decline, Decline = decline });
        Assert.Empty(_stream.Take(EventType.Offers));

        Send(new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive() });

        Assert.Single(_stream.Take(EventType.Offers));
    }

    [Fact]
    public void HandleCall_Ladder_UnknownFrameworkNotSubscribedAndStreamIdChecks()
    {
        var reconcile = new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile() };

        Assert.Equal(400, _harness.Send("unknown", _stream.StreamId, reconcile.Clone()).StatusCode);
        Assert.Equal(400, _harness.Send(_frameworkId, null, reconcile.Clone()).StatusCode);
        var mismatch = _harness.Send(_frameworkId, "other", reconcile.Clone());
        Assert.Equal(400, mismatch.StatusCode);
        Assert.Contains("didn't match", mismatch.Message, StringComparison.Ordinal);

        _harness.Core.FrameworkStreamClosed(_frameworkId, _stream, _harness.Now);
        _harness.Flush();
        var notSubscribed = _harness.Send(_frameworkId, _stream.StreamId, reconcile.Clone());
        Assert.Equal(403, notSubscribed.StatusCode);
        Assert.Equal("Framework is not subscribed", notSubscribed.Message);
    }

    [Fact]
    public void UpdateFramework_ChangedUser_BadRequest()
    {
        var info = CoreHarness.Framework();
        info.Id = new FrameworkID { Value = _frameworkId };
        info.User = "someone-else";

        var result = Send(new Call { Type = Call.Types.Type.UpdateFramework, UpdateFramework = new Call.Types.UpdateFramework { FrameworkInfo = info } });

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("user", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateFramework_NewName_OkAndPersisted()
    {
        var info = CoreHarness.Framework("renamed");
        info.Id = new FrameworkID { Value = _frameworkId };

        var result = Send(new Call { Type = Call.Types.Type.UpdateFramework, UpdateFramework = new Call.Types.UpdateFramework { FrameworkInfo = info } });

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("renamed", _harness.Snapshot().Frameworks.Single().Info.Name);
        Assert.Contains(_harness.LastMutations, m => m.Key == RegistryKeys.Framework(_frameworkId));
    }

    private CallResult Send(Call call) => _harness.Send(_frameworkId, _stream.StreamId, call);

    private Offer TakeOffer() => Assert.Single(Assert.Single(_stream.Take(EventType.Offers)).Offers.Offers_);

    private void Launch(string taskId)
    {
        var offer = _harness.Core.Offers.Values.FirstOrDefault(o => o.FrameworkId == _frameworkId)?.Proto;
        if (offer is null)
        {
            _harness.Core.Allocate(_harness.Now, null, TimeSpan.Zero);
            _harness.Flush();
            offer = _harness.Core.Offers.Values.First(o => o.FrameworkId == _frameworkId).Proto;
        }

        Send(CoreHarness.Accept([offer], [CoreHarness.Task(taskId, _agentId)], refuseSeconds: 0));
        _stream.Take(EventType.Offers);
        _agent.Take(MasterMessage.KindOneofCase.RunTask);
    }
}
