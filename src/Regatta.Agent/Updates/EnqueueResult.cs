using Regatta.Protocol.Agent;

namespace Regatta.Agent.Updates;

/// <summary>Outcome of queuing an update: whether it was kept, and what must be sent now.</summary>
internal sealed record EnqueueResult(bool Accepted, IReadOnlyList<StatusUpdate> Send)
{
    public static EnqueueResult Dropped { get; } = new(false, []);
}
