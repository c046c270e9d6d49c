using Regatta.Protocol.V1;
using Regatta.Resources;

namespace Regatta.Master.Core;

/// <summary>An admitted agent (connected, disconnected, or recovering after a master restart). Actor-owned.</summary>
internal sealed class AgentRecord
{
    public AgentRecord(AgentInfo info, ResourceSet total, DateTimeOffset registeredTime)
    {
        Id = info.Id.Value;
        Info = info;
        Total = total;
        RegisteredTime = registeredTime;
    }

    public string Id { get; }

    /// <summary>Replaced, never mutated.</summary>
    public AgentInfo Info { get; set; }

    public ResourceSet Total { get; set; }

    public string? Version { get; set; }

    public IReadOnlyList<AgentInfo.Types.Capability> Capabilities { get; set; } = [];

    public string? Ip { get; set; }

    public DateTimeOffset RegisteredTime { get; set; }

    public DateTimeOffset? ReregisteredTime { get; set; }

    public AgentPhase Phase { get; set; } = AgentPhase.Recovering;

    /// <summary>Taken out of offers by an operator.</summary>
    public bool Deactivated { get; set; }

    public IAgentConnection? Connection { get; set; }

    public ulong ConnectionEpoch { get; set; }

    /// <summary>Bumped on every connect and disconnect; timers carrying an older value are stale.</summary>
    public long Generation { get; set; }

    public ulong PingSequence { get; set; }

    /// <summary>Pings sent since the last pong.</summary>
    public int UnansweredPings { get; set; }

    /// <summary>Whether the allocator currently knows this agent.</summary>
    public bool InAllocator { get; set; }

    public HashSet<TaskKey> Tasks { get; } = [];

    public HashSet<string> OfferIds { get; } = new(StringComparer.Ordinal);

    public ResourceLedger Allocated { get; } = new();

    public ResourceLedger Offered { get; } = new();

    public bool IsActive => Phase == AgentPhase.Connected && !Deactivated;

    public string Pid => $"slave(1)@{Ip ?? Info.Hostname}:{Info.Port}";
}
