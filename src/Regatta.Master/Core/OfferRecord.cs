using Regatta.Protocol.V1;
using Regatta.Resources;

namespace Regatta.Master.Core;

/// <summary>An outstanding offer; <see cref="Proto"/> is the message that was sent and is never mutated.</summary>
internal sealed record OfferRecord(
    string Id,
    string FrameworkId,
    string AgentId,
    string Role,
    ResourceSet Resources,
    Offer Proto,
    DateTimeOffset Created);
