using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Updates;

/// <summary>Outcome of an acknowledgement: whether it matched the head, which update it popped, whether that update was
/// terminal (the stream is then gone), and the next head to send.</summary>
internal sealed record AckResult(bool Matched, V1.TaskStatus? Acknowledged, bool TerminalAcknowledged, IReadOnlyList<StatusUpdate> Send)
{
    public static AckResult Ignored { get; } = new(false, null, false, []);
}
