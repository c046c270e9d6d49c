using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Resources;
using Regatta.Services.Core;
using Regatta.Services.Deployments;
using Regatta.Services.Events;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Tests.Core;

/// <summary>The scheduler core driven by hand: API calls, offers and status updates in, store writes and effects out.</summary>
public sealed class ServicesCoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ServicesCore _core = new(new ServicesCoreOptions(), (app, match, id) => TaskBuilder.Build(app, match, id), new Random(7), NullLogger.Instance);
    private int _offers;

    [Fact]
    public void CreateApp_StoresItQueuesInstancesAndLaunchesThemFromAnOffer()
    {
        var deployment = _core.CreateApp(App("/web", instances: 2), force: false, T0).Value!;
        var (mutations, effects) = _core.Outbox.Take();

        Assert.Contains(mutations, m => m.Key == "services/apps/web");
        Assert.Contains(mutations, m => m.Key == $"services/deployments/{deployment.DeploymentId}");
        Assert.Equal(2, _core.TasksOf(PathId.Parse("/web")).Count(t => t.Condition == TaskCondition.Scheduled));
        Assert.Contains(effects, e => e is ServicesEffect.Publish { Event: DeploymentInfoEvent });

        _core.OnOffers([Offer("a1", "host-a")], T0);
        var (launched, offerEffects) = _core.Outbox.Take();

        var launch = Assert.Single(offerEffects.OfType<ServicesEffect.Launch>());
        Assert.Equal(2, launch.Tasks.Count);
        Assert.All(launch.Tasks, t => Assert.Equal("a1", t.AgentId.Value));
        Assert.Equal(2, launched.Count(m => m.Key.StartsWith("services/tasks/", StringComparison.Ordinal)));
        Assert.Contains(offerEffects, e => e is ServicesEffect.Suppress);
        Assert.Equal(10000, ServicesCore.ServicePortsOf(_core.Apps[PathId.Parse("/web")])[0]);
    }

    [Fact]
    public void WaitingTasksWithoutOffers_ReviveAgainEveryFewSeconds_OffersOrAnEmptyQueueStopIt()
    {
        _core.OnSubscribed("fw-1", T0);
        _core.CreateApp(App("/web", instances: 1, cpus: 64), force: false, T0);
        _core.Outbox.Take();

        int Revives(DateTimeOffset at)
        {
            _core.Tick(at);
            return _core.Outbox.Take().Effects.OfType<ServicesEffect.Revive>().Count();
        }

        Assert.Equal(0, Revives(T0.AddSeconds(4)));
        Assert.Equal(1, Revives(T0.AddSeconds(5)));
        Assert.Equal(0, Revives(T0.AddSeconds(9)));
        Assert.Equal(1, Revives(T0.AddSeconds(10)));

        _core.OnOffers([Offer("a1", "host-a")], T0.AddSeconds(11));
        var declined = _core.Outbox.Take().Effects;
        Assert.Contains(declined, e => e is ServicesEffect.Decline);
        Assert.Equal(0, Revives(T0.AddSeconds(15)));
        Assert.Equal(1, Revives(T0.AddSeconds(16)));

        _core.OnDisconnected();
        Assert.Equal(0, Revives(T0.AddSeconds(30)));
    }

    [Fact]
    public void RunningTasks_CompleteTheDeployment_AndEveryUpdateIsAcknowledged()
    {
        _core.CreateApp(App("/web", instances: 2), force: false, T0);
        _core.OnOffers([Offer("a1", "host-a")], T0);
        _core.Outbox.Take();

        foreach (var task in _core.TasksOf(PathId.Parse("/web")).ToList())
        {
            _core.OnUpdate(Status(task.Id, V1.TaskState.TaskRunning), T0.AddSeconds(1));
        }

        var (_, effects) = _core.Outbox.Take();
        Assert.Empty(_core.Deployments);
        Assert.Equal(2, effects.OfType<ServicesEffect.Acknowledge>().Count());
        Assert.Contains(effects, e => e is ServicesEffect.Publish { Event: DeploymentSuccessEvent });
        Assert.All(_core.TasksOf(PathId.Parse("/web")), t => Assert.Equal(T0.AddSeconds(1), t.StartedAt));
    }

    [Fact]
    public void FailedTask_IsReplacedAfterTheBackoff_OffersBeforeThatAreDeclined()
    {
        RunApp("/web", instances: 1);
        var task = Assert.Single(_core.TasksOf(PathId.Parse("/web")));

        _core.OnUpdate(Status(task.Id, V1.TaskState.TaskFailed, "Command exited with status 1"), T0.AddSeconds(10));
        _core.Outbox.Take();
        _core.OnOffers([Offer("a1", "host-a")], T0.AddSeconds(10.5));
        var early = _core.Outbox.Take().Effects;
        _core.OnOffers([Offer("a1", "host-a")], T0.AddSeconds(11));
        var onTime = _core.Outbox.Take().Effects;

        Assert.Contains(early, e => e is ServicesEffect.Decline);
        Assert.Single(Assert.Single(onTime.OfType<ServicesEffect.Launch>()).Tasks);
        var failure = _core.RuntimeOf(PathId.Parse("/web")).LastTaskFailure!;
        Assert.Equal(("TASK_FAILED", "Command exited with status 1"), (failure.State, failure.Message));
    }

    [Fact]
    public void UpdateDuringADeployment_IsLocked_UnlessForced()
    {
        var first = _core.CreateApp(App("/web", instances: 2), force: false, T0).Value!;

        var locked = _core.ReplaceApp(App("/web", instances: 3), force: false, T0.AddSeconds(1));
        var forced = _core.ReplaceApp(App("/web", instances: 3), force: true, T0.AddSeconds(2));

        Assert.Equal(409, locked.Error!.Status);
        Assert.Equal([first.DeploymentId], locked.Error.Deployments);
        Assert.True(forced.IsSuccess);
        Assert.Equal([forced.Value!.DeploymentId], _core.Deployments.Keys);
    }

    [Fact]
    public void UniqueConstraint_PlacesOnePerHost_AndTheQueueRemembersWhy()
    {
        _core.CreateApp(App("/u", instances: 2) with { Constraints = [["hostname", "UNIQUE"]] }, force: false, T0);

        _core.OnOffers([Offer("a1", "host-a")], T0);
        _core.OnOffers([Offer("a1", "host-a")], T0.AddSeconds(1));

        var tasks = _core.TasksOf(PathId.Parse("/u")).ToList();
        Assert.Single(tasks, t => t.Condition == TaskCondition.Staging);
        Assert.Single(tasks, t => t.Condition == TaskCondition.Scheduled);
        var reject = _core.RuntimeOf(PathId.Parse("/u")).LastOffers.Last();
        Assert.Contains(reject.Reasons, r => r.Message.Contains("UNIQUE", StringComparison.Ordinal));
    }

    [Fact]
    public void Restart_ReplacesEveryTaskWithTheNewVersion_NeverBelowTheFloor()
    {
        RunApp("/web", instances: 2);
        var old = _core.TasksOf(PathId.Parse("/web")).Select(t => t.Id).ToHashSet();

        var restart = _core.RestartApp(PathId.Parse("/web"), force: false, T0.AddMinutes(1)).Value!;
        for (var step = 0; step < 10 && _core.Deployments.Count > 0; step++)
        {
            var now = T0.AddMinutes(1).AddSeconds(step);
            _core.OnOffers([Offer("a1", "host-a")], now);
            foreach (var task in _core.TasksOf(PathId.Parse("/web")).ToList())
            {
                if (task.Condition == TaskCondition.Staging)
                {
                    _core.OnUpdate(Status(task.Id, V1.TaskState.TaskRunning), now);
                }
                else if (task.Condition == TaskCondition.Killing)
                {
                    _core.OnUpdate(Status(task.Id, V1.TaskState.TaskKilled), now);
                }

                Assert.True(_core.TasksOf(PathId.Parse("/web")).Count(t => t.Condition == TaskCondition.Running) >= 2 || step == 0);
            }
        }

        Assert.Empty(_core.Deployments);
        var tasks = _core.TasksOf(PathId.Parse("/web")).ToList();
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.DoesNotContain(t.Id, old));
        Assert.All(tasks, t => Assert.Equal(restart.Version, t.AppVersion));
    }

    [Fact]
    public void GroupBy_SpreadsOverRacks_AndScaleDownKeepsTheSpread()
    {
        _core.CreateApp(App("/g", instances: 4) with { Constraints = [["rack", "GROUP_BY", "2"]] }, force: false, T0);
        for (var round = 0; round < 4; round++)
        {
            _core.OnOffers([Offer("a1", "host-a", "rack:r1"), Offer("a2", "host-b", "rack:r2")], T0.AddSeconds(round));
        }

        foreach (var task in _core.TasksOf(PathId.Parse("/g")).ToList())
        {
            _core.OnUpdate(Status(task.Id, V1.TaskState.TaskRunning), T0.AddSeconds(5));
        }

        var spread = _core.TasksOf(PathId.Parse("/g")).GroupBy(t => t.AgentId).ToDictionary(g => g.Key!, g => g.Count());
        _core.ReplaceApp(_core.Apps[PathId.Parse("/g")] with { Instances = 2 }, force: false, T0.AddSeconds(10));
        var killed = _core.Outbox.Take().Effects.OfType<ServicesEffect.Kill>().Select(k => _core.TryGetTask(k.TaskId, out var t) ? t.AgentId : null).ToList();

        Assert.Equal(new Dictionary<string, int> { ["a1"] = 2, ["a2"] = 2 }, spread);
        Assert.Equal(["a1", "a2"], killed.Order());
    }

    [Fact]
    public void ReadinessCheck_HoldsTheDeploymentUntilTheNewTaskIsReady()
    {
        var app = AppJson.ParseCreate("""
            {"id":"/r","cmd":"sleep 300","cpus":0.1,"mem":32,"instances":1,
             "portDefinitions":[{"port":0,"name":"http"}],
             "readinessChecks":[{"name":"ready","protocol":"HTTP","path":"/ready","portName":"http","intervalSeconds":2,"timeoutSeconds":1}]}
            """).App!;
        _core.CreateApp(app, force: false, T0);
        _core.OnOffers([Offer("a1", "host-a")], T0);
        var task = Assert.Single(_core.TasksOf(PathId.Parse("/r")));

        _core.OnUpdate(Status(task.Id, V1.TaskState.TaskRunning), T0.AddSeconds(1));
        var effects = _core.Outbox.Take().Effects;
        var stillDeploying = _core.Deployments.Count;
        _core.OnReady(task.Id, ready: true, T0.AddSeconds(2));

        Assert.Contains(effects, e => e is ServicesEffect.WatchReadiness w && w.Task.Id == task.Id);
        Assert.Equal(1, stillDeploying);
        Assert.Empty(_core.Deployments);
    }

    [Fact]
    public void DependencyOnAGroup_OrdersTheStepsAfterEveryAppOfThatGroup()
    {
        var db = App("/shop/db/pg", instances: 1);
        var web = AppJson.ParseCreate("""{"id":"/shop/web","cmd":"sleep 300","cpus":0.1,"mem":32,"dependencies":["/shop/db"]}""").App!;

        var deployment = _core.DeployApps([web, db], [], force: false, T0).Value!;

        var steps = _core.Deployments[deployment.DeploymentId].Plan.Steps.Select(s => string.Join(",", s.Actions.Select(a => $"{a.Name} {a.AppId}"))).ToList();
        var scaleDb = steps.FindIndex(s => s.Contains("ScaleApplication /shop/db/pg", StringComparison.Ordinal));
        var scaleWeb = steps.FindIndex(s => s.Contains("ScaleApplication /shop/web", StringComparison.Ordinal));
        Assert.True(scaleDb >= 0 && scaleWeb > scaleDb, string.Join(" | ", steps));
    }

    [Fact]
    public void DeleteApp_KillsItsTasks_AndReportsItTerminatedWhenTheyAreGone()
    {
        RunApp("/web", instances: 1);
        var task = Assert.Single(_core.TasksOf(PathId.Parse("/web")));

        _core.DeleteApp(PathId.Parse("/web"), force: true, T0.AddSeconds(5));
        var kills = _core.Outbox.Take().Effects.OfType<ServicesEffect.Kill>().ToList();
        _core.OnUpdate(Status(task.Id, V1.TaskState.TaskKilled), T0.AddSeconds(6));
        var effects = _core.Outbox.Take().Effects;

        Assert.Equal(task.Id, Assert.Single(kills).TaskId);
        Assert.Empty(_core.Apps);
        Assert.Contains(effects, e => e is ServicesEffect.Publish { Event: AppTerminatedEvent });
    }

    [Fact]
    public void StoredRecords_ReadBackToTheSameTaskAndDeployment()
    {
        _core.CreateApp(App("/web", instances: 1), force: false, T0);
        _core.OnOffers([Offer("a1", "host-a")], T0);
        var task = Assert.Single(_core.TasksOf(PathId.Parse("/web")));
        task.Healthy = true;

        var read = TaskRecordJson.Read(TaskRecordJson.Write(task))!;
        var deployment = DeploymentRecordJson.Read(DeploymentRecordJson.Write(_core.Deployments.Values.Single()))!;

        Assert.Equal((task.Id, task.AppId, task.Condition, task.AgentId, task.Host, true), (read.Id, read.AppId, read.Condition, read.AgentId, read.Host, read.Healthy!.Value));
        Assert.Equal(task.HostPorts, read.HostPorts);
        Assert.Equal(_core.Deployments.Values.Single().Plan.Steps.Count, deployment.Plan.Steps.Count);
        Assert.Equal(_core.Deployments.Values.Single().Target.Keys, deployment.Target.Keys);
    }

    private void RunApp(string id, int instances)
    {
        _core.CreateApp(App(id, instances), force: false, T0);
        _core.OnOffers([Offer("a1", "host-a")], T0);
        foreach (var task in _core.TasksOf(PathId.Parse(id)).ToList())
        {
            _core.OnUpdate(Status(task.Id, V1.TaskState.TaskRunning), T0.AddSeconds(1));
        }

        _core.Outbox.Take();
        Assert.Empty(_core.Deployments);
    }

    private static AppDefinition App(string id, int instances, double cpus = 0.1) =>
        AppJson.ParseCreate($$"""{"id":"{{id}}","cmd":"sleep 300","cpus":{{cpus.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"mem":32,"instances":{{instances}}}""").App!;

    private V1.Offer Offer(string agentId, string hostname, string? attributes = null)
    {
        var offer = new V1.Offer
        {
            Id = new V1.OfferID { Value = $"o{++_offers}" },
            FrameworkId = new V1.FrameworkID { Value = "F" },
            AgentId = new V1.AgentID { Value = agentId },
            Hostname = hostname,
        };
        offer.Resources.AddRange(ResourceWire.ToProto(ResourceText.Parse("cpus:4;mem:4096;disk:1000;ports:[31000-31010]")));
        if (attributes is not null)
        {
            offer.Attributes.AddRange(AttributeWire.ToProto(AttributeText.Parse(attributes)));
        }

        return offer;
    }

    private static V1.TaskStatus Status(string taskId, V1.TaskState state, string? message = null)
    {
        var status = new V1.TaskStatus
        {
            TaskId = new V1.TaskID { Value = taskId },
            State = state,
            AgentId = new V1.AgentID { Value = "a1" },
            Uuid = Google.Protobuf.ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
        };
        if (message is not null)
        {
            status.Message = message;
        }

        return status;
    }
}
