using Regatta.Services.Deployments;
using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Launching;

/// <summary>
/// What the scheduler keeps about one task it launched: where it went and with which ports (known at launch,
/// never in a status update), then what status updates said. <see cref="WithStatus"/> applies an update the way
/// Marathon does; <see cref="ToView"/> gives what the task JSON shows.
/// </summary>
internal sealed record LaunchedTask
{
    public required string TaskId { get; init; }

    public required PathId AppId { get; init; }

    /// <summary>The app version the task was launched from.</summary>
    public required DateTimeOffset Version { get; init; }

    public required string AgentId { get; init; }

    /// <summary>The agent's hostname.</summary>
    public required string Host { get; init; }

    /// <summary>The host ports taken from the offer, in app port order (container-only ports have none).</summary>
    public ValueArray<int> HostPorts { get; init; }

    /// <summary>When the launch was sent (Marathon sets it before Mesos says TASK_STAGING).</summary>
    public required DateTimeOffset StagedAt { get; init; }

    /// <summary>The role the task's resources were allocated to.</summary>
    public string Role { get; init; } = AppDefaults.Role;

    public string? Region { get; init; }

    public string? Zone { get; init; }

    public TaskCondition Condition { get; init; } = TaskCondition.Staging;

    /// <summary>When the scheduler first saw TASK_RUNNING.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The agent-side health check's verdict from the latest update that changed something; null if none.</summary>
    public bool? Healthy { get; init; }

    public ValueArray<TaskIpAddress> IpAddresses { get; init; }

    /// <summary>Since when the task is unreachable (Mesos's <c>unreachable_time</c>, else the update's time).</summary>
    public DateTimeOffset? UnreachableSince { get; init; }

    /// <summary>The message of the latest update that changed something (why a task failed, for instance).</summary>
    public string? Message { get; init; }

    /// <summary>A task just launched from <paramref name="match"/>.</summary>
    public static LaunchedTask Create(AppDefinition app, OfferMatch match, string taskId, DateTimeOffset stagedAt)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(match);
        var ports = TaskPorts.Assign(app, match.HostPorts);
        return new LaunchedTask
        {
            TaskId = taskId,
            AppId = app.Id,
            Version = app.Version ?? throw new ArgumentException($"app {app.Id} has no version", nameof(app)),
            AgentId = match.Offer.Agent.AgentId,
            Host = match.Offer.Agent.Hostname,
            HostPorts = new ValueArray<int>(TaskPorts.HostPortsOf(ports)),
            StagedAt = stagedAt,
            Role = match.Offer.AllocationRole ?? app.Role,
            Region = match.Offer.Agent.Region,
            Zone = match.Offer.Agent.Zone,
        };
    }

    /// <summary>
    /// Applies one status update received at <paramref name="now"/>. Returns this same instance when the update
    /// changes nothing: the task is already terminal (a late TASK_LOST after TASK_FINISHED must not rewrite it),
    /// or neither the state nor the reported health differs.
    /// </summary>
    public LaunchedTask WithStatus(TaskStatusFacts status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (Condition.IsTerminal())
        {
            return this;
        }

        var condition = status.Condition;
        if (Condition == TaskCondition.UnreachableInactive && condition == TaskCondition.Unreachable)
        {
            // The scheduler marked it inactive; Mesos repeating "unreachable" does not undo that.
            condition = TaskCondition.UnreachableInactive;
        }

        var healthChanged = status.Healthy is { } healthy && healthy != Healthy;
        var firstRunning = condition == TaskCondition.Running && StartedAt is null;
        if (!firstRunning && !condition.IsTerminal() && condition == Condition && !healthChanged)
        {
            return this;
        }

        return this with
        {
            Condition = condition,
            StartedAt = firstRunning ? now : StartedAt,
            Healthy = status.Healthy,
            IpAddresses = status.HasNetworkInfos ? status.IpAddresses : IpAddresses,
            UnreachableSince = condition is TaskCondition.Unreachable or TaskCondition.UnreachableInactive
                ? UnreachableSince ?? status.UnreachableTime ?? status.Timestamp ?? now
                : null,
            Message = status.Message,
        };
    }

    /// <summary>The task JSON view; service ports and health results come from the app and the health checker.</summary>
    public ServiceTaskView ToView(IReadOnlyList<int>? servicePorts = null, IReadOnlyList<TaskHealthView>? healthCheckResults = null) => new()
    {
        Id = TaskId,
        AppId = AppId,
        Host = Host,
        SlaveId = AgentId,
        Condition = Condition,
        StagedAt = StagedAt,
        StartedAt = StartedAt,
        Version = Version,
        Ports = HostPorts,
        ServicePorts = servicePorts ?? [],
        IpAddresses = IpAddresses,
        HealthCheckResults = healthCheckResults ?? [],
        Role = Role,
        Region = Region,
        Zone = Zone,
    };
}
