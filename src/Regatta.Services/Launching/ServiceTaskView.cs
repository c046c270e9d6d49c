using Regatta.Services.Deployments;
using Regatta.Services.Model;

namespace Regatta.Services.Launching;

/// <summary>
/// One task as <c>GET /v2/tasks</c> and <c>embed=apps.tasks</c> show it; written by <see cref="ServiceTaskJson"/>.
/// A plain snapshot: the caller fills it from the scheduler's state (<c>ServicesJson.ToView</c>).
/// </summary>
internal sealed record ServiceTaskView
{
    public required string Id { get; init; }

    public required PathId AppId { get; init; }

    /// <summary>The agent's hostname.</summary>
    public required string Host { get; init; }

    public string? SlaveId { get; init; }

    /// <summary>Shown as the Mesos state name; also decides whether the launch details below are shown.</summary>
    public required TaskCondition Condition { get; init; }

    public DateTimeOffset? StagedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The app version the task runs.</summary>
    public DateTimeOffset? Version { get; init; }

    /// <summary>Host ports.</summary>
    public IReadOnlyList<int> Ports { get; init; } = [];

    /// <summary>The app's service ports; Marathon fills them in <c>/v2/tasks</c> but not inside <c>/v2/apps</c>.</summary>
    public IReadOnlyList<int> ServicePorts { get; init; } = [];

    public IReadOnlyList<TaskIpAddress> IpAddresses { get; init; } = [];

    /// <summary>One entry per scheduler-run health check of the app.</summary>
    public IReadOnlyList<TaskHealthView> HealthCheckResults { get; init; } = [];

    public string Role { get; init; } = AppDefaults.Role;

    public string? Region { get; init; }

    public string? Zone { get; init; }
}
