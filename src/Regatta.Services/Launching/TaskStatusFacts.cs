using Regatta.Protocol;
using Regatta.Services.Deployments;
using Regatta.Services.Model;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Launching;

/// <summary>
/// What one Mesos status update says about a task, in the scheduler's terms: its condition (TASK_LOST already
/// resolved), health as reported by an agent-side check, container IPs, and the times Mesos attached.
/// </summary>
/// <param name="Healthy">Set only when the update carries <c>healthy</c> (tasks with a Mesos health check).</param>
/// <param name="IpAddresses">Every address of every <c>container_status.network_infos</c> entry, in order.</param>
/// <param name="HasNetworkInfos">Whether the update carried network infos at all (an empty list then is real).</param>
/// <param name="Reason">The Mesos reason name, e.g. <c>REASON_CONTAINER_LAUNCH_FAILED</c>.</param>
internal sealed record TaskStatusFacts(
    string TaskId,
    V1.TaskState MesosState,
    TaskCondition Condition,
    string? AgentId,
    bool? Healthy,
    ValueArray<TaskIpAddress> IpAddresses,
    bool HasNetworkInfos,
    DateTimeOffset? Timestamp,
    DateTimeOffset? UnreachableTime,
    string? Message,
    string? Reason)
{
    /// <summary>The state name the Marathon API shows for this update.</summary>
    public string StateName => TaskStateNames.Of(Condition);

    public static TaskStatusFacts From(V1.TaskStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var networkInfos = status.ContainerStatus?.NetworkInfos;
        var addresses = networkInfos?
            .SelectMany(n => n.IpAddresses)
            .Where(a => a.HasIpAddress && a.IpAddress.Length > 0)
            .Select(a => new TaskIpAddress(
                a.IpAddress,
                a.Protocol == V1.NetworkInfo.Types.Protocol.Ipv6 ? IpProtocol.IPv6 : IpProtocol.IPv4));

        V1.TaskStatus.Types.Reason? reason = status.HasReason ? status.Reason : null;
        string? message = status.HasMessage ? status.Message : null;
        return new TaskStatusFacts(
            TaskId: status.TaskId?.Value ?? "",
            MesosState: status.State,
            Condition: TaskStateNames.ToCondition(status.State, reason, message),
            AgentId: status.AgentId?.Value,
            Healthy: status.HasHealthy ? status.Healthy : null,
            IpAddresses: new ValueArray<TaskIpAddress>(addresses ?? []),
            HasNetworkInfos: networkInfos is { Count: > 0 },
            Timestamp: status.HasTimestamp ? FromSeconds(status.Timestamp) : null,
            UnreachableTime: status.UnreachableTime is { } t ? FromSeconds(t.Nanoseconds / 1e9) : null,
            Message: message,
            Reason: reason is { } r ? ProtoEnumNames.Of(r) : null);
    }

    // Agent clocks are not ours to trust: a time out of any sane range is treated as absent rather than thrown on.
    private static DateTimeOffset? FromSeconds(double seconds) =>
        double.IsFinite(seconds) && Math.Abs(seconds) < 1e11
            ? DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond))
            : null;
}
