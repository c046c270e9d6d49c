using Regatta.Services.Deployments;
using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Core;

/// <summary>
/// The scheduler's record of one instance of an app, from the moment it is queued (<see cref="TaskCondition.Scheduled"/>,
/// no agent yet) through launch and status updates until its end is known. Mutable, owned by the core's loop.
/// </summary>
internal sealed class ServiceTask(string id, PathId appId, DateTimeOffset appVersion, DateTimeOffset configVersion)
{
    public string Id { get; } = id;

    public PathId AppId { get; } = appId;

    /// <summary>The app version the task was launched from (Marathon's task <c>version</c>).</summary>
    public DateTimeOffset AppVersion { get; set; } = appVersion;

    /// <summary>The app's <c>lastConfigChangeAt</c> at launch: tasks of another config are replaced by a restart.</summary>
    public DateTimeOffset ConfigVersion { get; } = configVersion;

    private readonly string _configVersionText = AppTimestamp.Format(configVersion);

    public TaskCondition Condition { get; set; } = TaskCondition.Scheduled;

    /// <summary>The Mesos state name of the last status (TASK_RUNNING …); TASK_STAGING once launched.</summary>
    public string? MesosState { get; set; }

    public DateTimeOffset? StagedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? UnreachableSince { get; set; }

    public AgentView? Agent { get; set; }

    public string? AgentId => Agent?.AgentId;

    public string? Host => Agent?.Hostname;

    /// <summary>Host ports from the offer, one per app port (null where a port mapping has no host port).</summary>
    public IReadOnlyList<int?> HostPorts { get; set; } = [];

    public IReadOnlyList<string> IpAddresses { get; set; } = [];

    /// <summary>Health: null while unknown (no check ran yet, or the app has none).</summary>
    public bool? Healthy { get; set; }

    public bool? Ready { get; set; }

    public string? LastMessage { get; set; }

    public bool IsLaunched => Condition != TaskCondition.Scheduled;

    public TaskView ToView() => new(
        Id,
        AppId.ToString(),
        _configVersionText,
        Condition,
        Healthy,
        Ready,
        StagedAt,
        StartedAt,
        UnreachableSince,
        AgentId);
}
