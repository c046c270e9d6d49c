namespace Regatta.Services.Placement;

/// <summary>
/// Why an offer could not host a task. Names and order follow Marathon's offer-match reasons, so they appear
/// unchanged in <c>/v2/queue</c>'s <c>processedOffersSummary</c>; the order is the funnel the summary uses.
/// </summary>
internal enum RejectReason
{
    UnfulfilledRole,
    UnfulfilledConstraint,
    NoCorrespondingReservationFound,
    AgentMaintenance,
    InsufficientCpus,
    InsufficientMemory,
    InsufficientDisk,
    InsufficientGpus,
    InsufficientPorts,
    DeclinedScarceResources,
}
