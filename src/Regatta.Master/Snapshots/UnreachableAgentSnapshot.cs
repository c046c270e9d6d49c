using Regatta.Protocol.V1;

namespace Regatta.Master.Snapshots;

/// <summary>An agent the master marked unreachable (missed pings or no re-registration after a restart).</summary>
internal sealed record UnreachableAgentSnapshot(AgentInfo Info, DateTimeOffset UnreachableTime);
