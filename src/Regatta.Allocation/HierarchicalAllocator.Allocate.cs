using Regatta.Allocation.State;
using Regatta.Resources;

namespace Regatta.Allocation;

internal sealed partial class HierarchicalAllocator
{
    // Reused across runs so a run over 10,000 agents does not allocate per-agent lists.
    private readonly List<string> _roleOrder = [];
    private readonly List<string> _frameworkOrder = [];
    private readonly List<AgentState> _visit = [];

    /// <summary>
    /// One allocation run over <paramref name="agentIds"/> (null = every agent). For each agent, in seeded random
    /// order: roles fairest first, then that role's frameworks fairest first; the first framework that wants
    /// offers and is not filtered gets everything on the agent it may use in that role. The offers returned
    /// are already counted as allocated; give back what is declined or unused with <see cref="Recover"/>.
    /// </summary>
    public AllocationResult Allocate(DateTimeOffset now, IReadOnlyCollection<string>? agentIds = null)
    {
        PruneFilters(now);
        FillVisitOrder(agentIds);
        var offers = new List<OfferAllocation>();
        int inactive = 0, nothing = 0, belowMinimum = 0, filtered = 0, noCandidate = 0;
        foreach (var agent in _visit)
        {
            if (!agent.Active)
            {
                inactive++;
                continue;
            }

            if (agent.Available.IsEmpty)
            {
                nothing++;
                continue;
            }

            var offered = false;
            _roleSorter.Sort(_roleOrder);
            foreach (var role in _roleOrder)
            {
                if (offered && agent.Available.IsEmpty)
                {
                    break;
                }

                if (!IsRoleAllowed(role))
                {
                    continue;
                }

                _roles[role].Frameworks.Sort(_frameworkOrder);
                if (_frameworkOrder.Count == 0)
                {
                    continue;
                }

                var candidate = agent.Available.AllocatableTo(role);
                if (candidate.IsEmpty)
                {
                    continue;
                }

                if (!IsAllocatable(candidate))
                {
                    belowMinimum++;
                    continue;
                }

                foreach (var frameworkId in _frameworkOrder)
                {
                    var framework = _frameworks[frameworkId];
                    if (!framework.WantsOffers(role))
                    {
                        continue;
                    }

                    if (IsFiltered(framework, role, agent.Id, candidate, now))
                    {
                        filtered++;
                        continue;
                    }

                    offers.Add(new OfferAllocation(frameworkId, role, agent.Id, candidate));
                    Track(framework, role, agent, candidate);
                    offered = true;
                    break;
                }
            }

            if (!offered)
            {
                noCandidate++;
            }
        }

        return new AllocationResult(offers, _visit.Count, inactive, nothing, belowMinimum, filtered, noCandidate);
    }

    /// <summary>True when <paramref name="candidate"/> covers every quantity of at least one min-allocatable alternative.</summary>
    public bool IsAllocatable(ResourceSet candidate)
    {
        if (candidate.IsEmpty)
        {
            return false;
        }

        if (_options.MinAllocatable.Count == 0)
        {
            return true;
        }

        foreach (var alternative in _options.MinAllocatable)
        {
            var satisfied = true;
            foreach (var need in alternative)
            {
                if (Quantity(candidate, need.Name) < Quantity(need))
                {
                    satisfied = false;
                    break;
                }
            }

            if (satisfied)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Mesos's resource quantity: scalar amount, number of range values, or number of set items.</summary>
    private static double Quantity(Resource r) => r.Type switch
    {
        ResourceType.Scalar => r.Scalar,
        ResourceType.Ranges => r.Ranges.ValueCount,
        _ => r.Set.Count,
    };

    private static double Quantity(ResourceSet set, string name)
    {
        double total = 0;
        foreach (var r in set)
        {
            if (r.Name == name)
            {
                total += Quantity(r);
            }
        }

        return total;
    }

    private void FillVisitOrder(IReadOnlyCollection<string>? agentIds)
    {
        _visit.Clear();
        if (agentIds is null)
        {
            _visit.AddRange(AgentsById());
        }
        else
        {
            foreach (var id in agentIds.Distinct().Order(StringComparer.Ordinal))
            {
                if (_agents.TryGetValue(id, out var agent))
                {
                    _visit.Add(agent);
                }
            }
        }

        if (_options.Seed >= 0)
        {
            // Fisher–Yates from the seeded source: random like Mesos, yet reproducible.
            for (var i = _visit.Count - 1; i > 0; i--)
            {
                var j = _random.Next(i + 1);
                (_visit[i], _visit[j]) = (_visit[j], _visit[i]);
            }
        }
    }
}
