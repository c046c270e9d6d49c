using System.Text.Json;
using Regatta.Services.Deployments;
using Regatta.Services.Events;
using Regatta.Services.Model;

namespace Regatta.Services.Tests.Events;

/// <summary>One event of every kind, with the values of Marathon's documentation examples, keyed by fixture name.</summary>
internal static class SampleEvents
{
    public static readonly DateTimeOffset At = new(2015, 9, 30, 12, 44, 45, 681, TimeSpan.Zero);

    public static readonly DateTimeOffset AppVersion = new(2015, 9, 30, 9, 9, 17, 614, TimeSpan.Zero);

    public const string Instance = "foo.instance-0664256e-6ce4-11e9-9a5d-0242ac110002";

    public const string Task = Instance + "._app.1";

    public const string Agent = "7e1a7d96-c8a1-4e2f-a5d6-3a6a5a2b5e1f-S6";

    public static PathId Foo { get; } = PathId.Parse("/foo");

    public static AppDefinition App { get; } = AppJson.ParseCreate("""{"id": "/foo", "cmd": "sleep 30", "instances": 2}""").App! with
    {
        Version = AppVersion,
    };

    public static HealthCheck Check { get; } = new() { Protocol = HealthCheckProtocol.Http, Path = "/health", PortIndex = 0 };

    public static DeploymentPlan DeploymentPlan { get; } = new(
        "97c136bf-5a28-4821-9d94-480d9fbb01c8",
        "2015-09-30T09:09:17.614Z",
        new Dictionary<string, PlannedApp>(),
        new Dictionary<string, PlannedApp> { ["/foo"] = new PlannedApp("/foo", "2015-09-30T09:09:17.614Z", 2) },
        [
            new DeploymentStep([new DeploymentAction(DeploymentActionKind.StartApplication, "/foo")]),
            new DeploymentStep([new DeploymentAction(DeploymentActionKind.ScaleApplication, "/foo", ["foo.1"])]),
        ]);

    /// <summary>The plan with root groups, for the full format.</summary>
    public static EventPlan Plan { get; } = EventPlan.From(
        DeploymentPlan,
        JsonDocument.Parse("""{"id":"/","apps":[],"groups":[],"dependencies":[],"version":"2015-09-30T09:09:00.000Z"}""").RootElement.Clone(),
        JsonDocument.Parse("""{"id":"/","apps":[{"id":"/foo","instances":2}],"groups":[],"dependencies":[],"version":"2015-09-30T09:09:17.614Z"}""").RootElement.Clone());

    public static IReadOnlyDictionary<string, MarathonEvent> ByFixture { get; } = new Dictionary<string, MarathonEvent>
    {
        ["api_post_event"] = new ApiPostEvent("0:0:0:0:0:0:0:1", "/v2/apps/foo", App) { Timestamp = At },
        ["status_update_event"] = new StatusUpdateEvent(Agent, Task, "TASK_RUNNING", "", Foo, "srv5", [new TaskIpAddress("10.0.0.5")], [31776], AppVersion) { Timestamp = At },
        ["instance_changed_event"] = new InstanceChangedEvent(Instance, TaskCondition.Running, Foo, Agent, "srv5", AppVersion) { Timestamp = At },
        ["instance_changed_event.unplaced"] = new InstanceChangedEvent(Instance, TaskCondition.Scheduled, Foo, null, null, AppVersion) { Timestamp = At },
        ["instance_health_changed_event"] = new InstanceHealthChangedEvent(Instance, Foo, AppVersion, null) { Timestamp = At },
        ["unknown_instance_terminated_event"] = new UnknownInstanceTerminatedEvent(Instance, Foo, TaskCondition.Killed) { Timestamp = At },
        ["health_status_changed_event"] = new HealthStatusChangedEvent(Foo, Instance, AppVersion, true) { Timestamp = At },
        ["health_status_changed_event.with-task"] = new HealthStatusChangedEvent(Foo, Instance, AppVersion, false, Task) { Timestamp = At },
        ["failed_health_check_event"] = new FailedHealthCheckEvent(Foo, Instance, Check, Task) { Timestamp = At },
        ["unhealthy_instance_kill_event"] = new UnhealthyInstanceKillEvent(Foo, Task, Instance, AppVersion, "500 Internal Server Error", "srv5", Agent) { Timestamp = At },
        ["unhealthy_instance_kill_event.no-agent"] = new UnhealthyInstanceKillEvent(Foo, "foo.1", "foo.instance-1", AppVersion, "Timeout", "srv5", null) { Timestamp = At },
        ["add_health_check_event"] = new AddHealthCheckEvent(Foo, AppVersion, Check) { Timestamp = At },
        ["remove_health_check_event"] = new RemoveHealthCheckEvent(Foo) { Timestamp = At },
        ["deployment_info"] = new DeploymentInfoEvent(Plan, DeploymentPlan.Steps[0]) { Timestamp = At },
        ["deployment_step_success"] = new DeploymentStepSuccessEvent(Plan, DeploymentPlan.Steps[0]) { Timestamp = At },
        ["deployment_step_failure"] = new DeploymentStepFailureEvent(Plan, DeploymentPlan.Steps[1]) { Timestamp = At },
        ["deployment_success"] = new DeploymentSuccessEvent(Plan) { Timestamp = At },
        ["deployment_failed"] = new DeploymentFailedEvent(Plan, "Deadline exceeded for /foo") { Timestamp = At },
        ["deployment_failed.no-reason"] = new DeploymentFailedEvent(Plan) { Timestamp = At },
        ["app_terminated_event"] = new AppTerminatedEvent(Foo) { Timestamp = At },
        ["group_change_success"] = new GroupChangeSuccessEvent(PathId.Parse("/prod"), AppVersion) { Timestamp = At },
        ["group_change_failed"] = new GroupChangeFailedEvent(PathId.Parse("/prod"), AppVersion, "App is locked") { Timestamp = At },
        ["event_stream_attached"] = new EventStreamAttachedEvent("127.0.0.1") { Timestamp = At },
        ["event_stream_detached"] = new EventStreamDetachedEvent("127.0.0.1") { Timestamp = At },
        ["scheduler_registered_event"] = new SchedulerRegisteredEvent("20150930-103025-16842879-5050-1234-0000", "127.0.0.1:5050") { Timestamp = At },
        ["scheduler_reregistered_event"] = new SchedulerReregisteredEvent("127.0.0.1:5050") { Timestamp = At },
        ["scheduler_disconnected_event"] = new SchedulerDisconnectedEvent { Timestamp = At },
    };

    public static TheoryData<string> FixtureNames()
    {
        var names = new TheoryData<string>();
        foreach (var name in ByFixture.Keys)
        {
            names.Add(name);
        }

        return names;
    }
}
