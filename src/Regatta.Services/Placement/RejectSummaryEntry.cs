namespace Regatta.Services.Placement;

/// <summary>One row of Marathon's <c>rejectSummaryLastOffers</c>: offers that reached this stage and offers it declined.</summary>
internal sealed record RejectSummaryEntry(RejectReason Reason, int Declined, int Processed);
