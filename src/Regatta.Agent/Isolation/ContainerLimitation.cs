using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;

namespace Regatta.Agent.Isolation;

/// <summary>A resource limit the container ran into (Mesos's ContainerLimitation): the task fails with
/// <see cref="Reason"/> and <see cref="Message"/>.</summary>
internal sealed record ContainerLimitation(Reason Reason, string Message);
