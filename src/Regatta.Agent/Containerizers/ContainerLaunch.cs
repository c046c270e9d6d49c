using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Containerizers;

/// <summary>
/// Everything a containerizer needs to start one command task. <see cref="Environment"/> already holds the agent's
/// MESOS_* variables overlaid with the task's own; <see cref="User"/> is CommandInfo.user or else FrameworkInfo.user.
/// </summary>
internal sealed record ContainerLaunch(
    string ContainerId,
    string Sandbox,
    V1.CommandInfo Command,
    string? User,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The task's resources (cpus and mem become cgroup limits when isolation is on).</summary>
    public IReadOnlyList<V1.Resource> Resources { get; init; } = [];

    /// <summary>The whole TaskInfo, for containerizers that need more than the command (DOCKER's ContainerInfo).</summary>
    public V1.TaskInfo? Task { get; init; }

    /// <summary>
    /// When set, the command runs under a monitor shell that records its exit status here, so an agent restarted while
    /// the task ran can still report how it ended (checkpointed tasks, <c>--recover=reconnect</c>).
    /// </summary>
    public string? ExitStatusFile { get; init; }
}
