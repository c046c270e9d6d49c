using Regatta.Resources;

namespace Regatta.Services.Placement;

/// <summary>
/// The outcome of matching one task against one offer: either the resources to launch with (reservations kept)
/// and the host ports picked, or every reason the offer does not fit, in funnel order.
/// </summary>
internal sealed record OfferMatch(
    OfferView Offer,
    IReadOnlyList<PlacementReason> Reasons,
    ResourceSet Consumed,
    IReadOnlyList<int?> HostPorts)
{
    public bool IsMatch => Reasons.Count == 0;

    /// <summary>The reason a funnel summary counts this offer under; null for a match.</summary>
    public RejectReason? FirstReason => Reasons.Count == 0 ? null : Reasons.Min(r => r.Reason);
}
