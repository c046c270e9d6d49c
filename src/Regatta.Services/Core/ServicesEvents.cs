using Regatta.Services.Deployments;
using Regatta.Services.Events;
using Regatta.Services.Model;

namespace Regatta.Services.Core;

/// <summary>The core's facts as Marathon events for the bus.</summary>
internal static class ServicesEvents
{
    public static MarathonEvent DeploymentInfo(DeploymentRecord deployment, DateTimeOffset now) =>
        new DeploymentInfoEvent(EventPlan.From(deployment.Plan), CurrentStep(deployment)) { Timestamp = now };

    public static MarathonEvent StepSuccess(DeploymentRecord deployment, int step, DateTimeOffset now) =>
        new DeploymentStepSuccessEvent(EventPlan.From(deployment.Plan), StepAt(deployment, step)) { Timestamp = now };

    public static MarathonEvent StepFailure(DeploymentRecord deployment, int step, DateTimeOffset now) =>
        new DeploymentStepFailureEvent(EventPlan.From(deployment.Plan), StepAt(deployment, step)) { Timestamp = now };

    public static MarathonEvent Success(DeploymentRecord deployment, DateTimeOffset now) =>
        new DeploymentSuccessEvent(EventPlan.From(deployment.Plan)) { Timestamp = now };

    public static MarathonEvent Failed(DeploymentRecord deployment, string? reason, DateTimeOffset now) =>
        new DeploymentFailedEvent(EventPlan.From(deployment.Plan), reason) { Timestamp = now };

    public static MarathonEvent AppTerminated(PathId appId, DateTimeOffset now) => new AppTerminatedEvent(appId) { Timestamp = now };

    public static MarathonEvent StatusUpdate(ServiceTask task, string state, string message, DateTimeOffset now) => new StatusUpdateEvent(
        task.AgentId ?? "",
        task.Id,
        state,
        message,
        task.AppId,
        task.Host ?? "",
        [.. task.IpAddresses.Select(TaskIpAddress.Of)],
        [.. task.HostPorts.OfType<int>()],
        task.AppVersion)
    { Timestamp = now };

    public static MarathonEvent InstanceChanged(ServiceTask task, TaskCondition condition, DateTimeOffset now) =>
        new InstanceChangedEvent(task.Id, condition, task.AppId, task.AgentId, task.Host, task.AppVersion) { Timestamp = now };

    public static MarathonEvent HealthChanged(ServiceTask task, bool alive, DateTimeOffset now) =>
        new HealthStatusChangedEvent(task.AppId, task.Id, task.AppVersion, alive, task.Id) { Timestamp = now };

    public static MarathonEvent UnhealthyKill(ServiceTask task, string reason, DateTimeOffset now) =>
        new UnhealthyInstanceKillEvent(task.AppId, task.Id, task.Id, task.AppVersion, reason, task.Host ?? "", task.AgentId) { Timestamp = now };

    public static MarathonEvent FailedHealthCheck(ServiceTask task, HealthCheck check, DateTimeOffset now) =>
        new FailedHealthCheckEvent(task.AppId, task.Id, check, task.Id) { Timestamp = now };

    private static DeploymentStep CurrentStep(DeploymentRecord deployment) =>
        StepAt(deployment, deployment.State.CurrentStep);

    /// <summary>The 1-based step, or an empty step for a plan without steps.</summary>
    private static DeploymentStep StepAt(DeploymentRecord deployment, int step) =>
        deployment.Plan.Steps.Count == 0 ? new DeploymentStep([]) : deployment.Plan.Steps[Math.Clamp(step, 1, deployment.Plan.Steps.Count) - 1];
}
