using Regatta.Resources;

namespace Regatta.Allocation.State;

/// <summary>
/// A declined offer remembered until <see cref="Expires"/>: the agent is skipped for the (framework, role) while
/// what it could offer is a subset of <see cref="Refused"/>; once more is free, the filter no longer matches.
/// </summary>
internal sealed record OfferFilter(ResourceSet Refused, DateTimeOffset Expires)
{
    public bool IsExpired(DateTimeOffset now) => now >= Expires;

    public bool Matches(ResourceSet candidate, DateTimeOffset now) => !IsExpired(now) && Refused.Contains(candidate);
}
