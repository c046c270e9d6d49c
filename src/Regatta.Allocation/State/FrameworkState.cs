namespace Regatta.Allocation.State;

/// <summary>A framework's roles, suppression, activity, offer filters and the agents it holds resources on.</summary>
internal sealed class FrameworkState(string id)
{
    public string Id { get; } = id;

    /// <summary>Roles the framework subscribed with (offers go only to these).</summary>
    public HashSet<string> Roles { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Suppressed { get; } = new(StringComparer.Ordinal);

    /// <summary>Roles whose framework sorter knows this framework: its roles plus roles it still holds resources in.</summary>
    public HashSet<string> TrackedRoles { get; } = new(StringComparer.Ordinal);

    public bool Active { get; set; } = true;

    /// <summary>The first role the framework named; unreserved resources reported without a role count here.</summary>
    public string FirstRole { get; set; } = "*";

    /// <summary>Agents where the framework holds an allocation.</summary>
    public HashSet<string> Agents { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Role, string AgentId), List<OfferFilter>> Filters { get; } = [];

    /// <summary>Offers go to (framework, role) only when the framework is active, has the role and does not suppress it.</summary>
    public bool WantsOffers(string role) => Active && Roles.Contains(role) && !Suppressed.Contains(role);
}
