using Regatta.Allocation.Sorting;
using Regatta.Allocation.State;
using Regatta.Resources;

namespace Regatta.Allocation;

/// <summary>
/// Mesos's hierarchical DRF allocator as a pure state machine: the master feeds it agent and framework
/// events and calls <see cref="Allocate"/> with the current time; it returns offers and never reads a clock,
/// blocks, or does I/O. Two levels of fairness: roles against each other, then frameworks within a role.
/// Not thread-safe: the master's allocator loop is its only caller.
/// </summary>
internal sealed partial class HierarchicalAllocator
{
    private readonly AllocatorOptions _options;
    private readonly IFairnessSorterFactory _sorterFactory;
    private readonly Random _random;

    // Scalar totals of all agents, in thousandths; shared live with every sorter.
    private readonly Dictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly IFairnessSorter _roleSorter;
    private readonly Dictionary<string, RoleState> _roles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentState> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FrameworkState> _frameworks = new(StringComparer.Ordinal);

    // frameworkId → agents holding resources of that not-yet-added framework.
    private readonly Dictionary<string, HashSet<string>> _orphanAgents = new(StringComparer.Ordinal);
    private Dictionary<string, double> _weights;

    public HierarchicalAllocator(AllocatorOptions options, IFairnessSorterFactory? sorter = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _sorterFactory = sorter ?? DrfSorterFactory.Instance;
        _random = new Random(options.Seed);
        _weights = ValidateWeights(options.Weights);
        _roleSorter = _sorterFactory.Create(_totals, _random);
    }

    public AllocatorOptions Options => _options;

    /// <summary>True when the whitelist (Mesos <c>--roles</c>) is unset or names the role; <c>"*"</c> is always allowed.</summary>
    public bool IsRoleAllowed(string role) =>
        _options.RoleWhitelist is null || role == RoleName.Unreserved || _options.RoleWhitelist.Contains(role);

    public double Weight(string role) => _weights.GetValueOrDefault(role, 1.0);

    /// <summary>Replaces all weights (roles not named go back to 1). Weights must be positive and finite.</summary>
    public void UpdateWeights(IReadOnlyDictionary<string, double> weights)
    {
        _weights = ValidateWeights(weights);
        foreach (var role in _roles.Keys)
        {
            _roleSorter.SetWeight(role, Weight(role));
        }
    }

    private static Dictionary<string, double> ValidateWeights(IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (role, weight) in weights)
        {
            if (!double.IsFinite(weight) || weight <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(weights), $"weight of role '{role}' must be a positive number (got {weight})");
            }
        }

        return new Dictionary<string, double>(weights, StringComparer.Ordinal);
    }

    /// <summary>What <paramref name="take"/> and <paramref name="from"/> have in common (min of scalars, intersection of ranges and sets).</summary>
    private static ResourceSet Common(ResourceSet take, ResourceSet from) =>
        take.SubtractAvailable(take.SubtractAvailable(from));

    private void ChangeTotals(ResourceSet resources, int sign)
    {
        var changed = false;
        foreach (var r in resources)
        {
            if (r.Type != ResourceType.Scalar)
            {
                continue;
            }

            var next = _totals.GetValueOrDefault(r.Name) + (sign * r.ScalarMilli);
            if (next <= 0)
            {
                _totals.Remove(r.Name);
            }
            else
            {
                _totals[r.Name] = next;
            }

            changed = true;
        }

        if (changed)
        {
            _roleSorter.TotalsChanged();
            foreach (var role in _roles.Values)
            {
                role.Frameworks.TotalsChanged();
            }
        }
    }

    private RoleState EnsureRole(string role)
    {
        if (!_roles.TryGetValue(role, out var state))
        {
            state = new RoleState(role, _sorterFactory.Create(_totals, _random));
            _roles.Add(role, state);
            _roleSorter.Add(role, Weight(role));
        }

        return state;
    }

    private void TrackFrameworkRole(FrameworkState framework, string role)
    {
        if (!framework.TrackedRoles.Add(role))
        {
            return;
        }

        var state = EnsureRole(role);
        state.FrameworkIds.Add(framework.Id);
        state.Frameworks.Add(framework.Id);
        SetSorterActivation(framework, role, state);
    }

    /// <summary>Stops tracking a role the framework left once it no longer holds anything in it.</summary>
    private void MaybeUntrackFrameworkRole(FrameworkState framework, string role, bool force = false)
    {
        if (!framework.TrackedRoles.Contains(role) || (!force && (framework.Roles.Contains(role) || HoldsRole(framework, role))))
        {
            return;
        }

        framework.TrackedRoles.Remove(role);
        var state = _roles[role];
        state.Frameworks.Remove(framework.Id);
        state.FrameworkIds.Remove(framework.Id);
        if (state.FrameworkIds.Count == 0)
        {
            _roles.Remove(role);
            _roleSorter.Remove(role);
        }
    }

    private bool HoldsRole(FrameworkState framework, string role)
    {
        foreach (var agentId in framework.Agents)
        {
            if (_agents[agentId].Allocations.TryGetValue(framework.Id, out var byRole) && byRole.ContainsKey(role))
            {
                return true;
            }
        }

        return false;
    }

    private void UpdateActivation(FrameworkState framework)
    {
        foreach (var role in framework.TrackedRoles)
        {
            SetSorterActivation(framework, role, _roles[role]);
        }
    }

    private static void SetSorterActivation(FrameworkState framework, string role, RoleState state)
    {
        if (framework.WantsOffers(role))
        {
            state.Frameworks.Activate(framework.Id);
        }
        else
        {
            state.Frameworks.Deactivate(framework.Id);
        }
    }

    private void Track(FrameworkState framework, string role, AgentState agent, ResourceSet resources, bool addToAgent = true)
    {
        if (resources.IsEmpty)
        {
            return;
        }

        if (!agent.Allocations.TryGetValue(framework.Id, out var byRole))
        {
            byRole = new Dictionary<string, ResourceSet>(1, StringComparer.Ordinal);
            agent.Allocations.Add(framework.Id, byRole);
        }

        byRole[role] = byRole.TryGetValue(role, out var held) ? held + resources : resources;
        if (addToAgent)
        {
            agent.AddAllocated(resources);
        }

        framework.Agents.Add(agent.Id);
        TrackFrameworkRole(framework, role);
        _roleSorter.Allocated(role, resources);
        _roles[role].Frameworks.Allocated(framework.Id, resources);
    }

    /// <summary>Releases <paramref name="resources"/> (which must be part of what the framework holds in the role there).</summary>
    private void Untrack(FrameworkState framework, string role, AgentState agent, ResourceSet resources)
    {
        if (resources.IsEmpty || !agent.Allocations.TryGetValue(framework.Id, out var byRole) || !byRole.TryGetValue(role, out var held))
        {
            return;
        }

        var left = held.SubtractAvailable(resources);
        if (left.IsEmpty)
        {
            byRole.Remove(role);
            if (byRole.Count == 0)
            {
                agent.Allocations.Remove(framework.Id);
                framework.Agents.Remove(agent.Id);
            }
        }
        else
        {
            byRole[role] = left;
        }

        agent.RemoveAllocated(resources);
        _roleSorter.Unallocated(role, resources);
        _roles[role].Frameworks.Unallocated(framework.Id, resources);
        MaybeUntrackFrameworkRole(framework, role);
    }

    /// <summary>
    /// Splits resources reported without a role (running tasks after failover) by role: reserved resources
    /// to their reservation's role, unreserved ones to <paramref name="role"/> or the framework's first role.
    /// </summary>
    private static IEnumerable<(string Role, ResourceSet Resources)> SplitByRole(FrameworkState framework, ResourceSet resources, string? role)
    {
        var unreservedRole = role ?? framework.FirstRole;
        var byRole = resources.ByRole();
        foreach (var (reservationRole, part) in byRole)
        {
            yield return (reservationRole == RoleName.Unreserved ? unreservedRole : reservationRole, part);
        }
    }
}
