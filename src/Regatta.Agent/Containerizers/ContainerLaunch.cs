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
    IReadOnlyDictionary<string, string> Environment);
