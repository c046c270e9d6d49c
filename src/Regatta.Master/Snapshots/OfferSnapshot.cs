using Regatta.Protocol.V1;
using Regatta.Resources;

namespace Regatta.Master.Snapshots;

/// <summary>An outstanding offer: the wire message that was sent plus its resources as a value.</summary>
internal sealed record OfferSnapshot(Offer Offer, string Role, ResourceSet Resources, DateTimeOffset CreatedTime)
{
    public string Id => Offer.Id.Value;

    public string FrameworkId => Offer.FrameworkId.Value;

    public string AgentId => Offer.AgentId.Value;
}
