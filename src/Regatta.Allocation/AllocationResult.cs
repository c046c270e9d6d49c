namespace Regatta.Allocation;

/// <summary>
/// The outcome of one allocation run: the offers made (already counted as allocated) and why other
/// candidates got nothing. Counters count agents, except <paramref name="SkippedBelowMinimum"/> (agent × role)
/// and <paramref name="SkippedFiltered"/> (agent × role × framework).
/// </summary>
internal sealed record AllocationResult(
    IReadOnlyList<OfferAllocation> Offers,
    int AgentsConsidered,
    int SkippedInactiveAgent,
    int SkippedNothingAvailable,
    int SkippedBelowMinimum,
    int SkippedFiltered,
    int SkippedNoCandidate);
