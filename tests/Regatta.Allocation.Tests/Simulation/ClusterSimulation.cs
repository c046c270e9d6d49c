using Regatta.Resources;

namespace Regatta.Allocation.Tests.Simulation;

/// <summary>
/// A whole cluster on virtual time around a real <see cref="HierarchicalAllocator"/>: agents, scripted
/// frameworks and their tasks. Each <see cref="Step"/> runs one allocation, lets every framework answer its
/// offers, ends due tasks, and checks the invariants; a failure names the seed that reproduces it.
/// </summary>
internal sealed class ClusterSimulation
{
    private readonly Dictionary<string, ResourceSet> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedFramework> _frameworks = new(StringComparer.Ordinal);
    private readonly List<SimulatedTask> _tasks = [];

    public ClusterSimulation(int seed, AllocatorOptions? options = null)
    {
        Seed = seed;
        Allocator = new HierarchicalAllocator((options ?? AllocatorOptions.Default) with { Seed = seed });
    }

    public int Seed { get; }

    public HierarchicalAllocator Allocator { get; }

    public DateTimeOffset Now { get; private set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<SimulatedTask> Tasks => _tasks;

    public int OffersMade { get; private set; }

    public void AddAgent(string id, string resources)
    {
        var total = ResourceText.Parse(resources);
        _agents.Add(id, total);
        Allocator.AddAgent(id, total);
    }

    public void AddFramework(SimulatedFramework framework)
    {
        _frameworks.Add(framework.Id, framework);
        Allocator.AddFramework(framework.Id, [framework.Role], []);
    }

    public int TaskCount(string frameworkId) => _tasks.Count(t => t.FrameworkId == frameworkId);

    /// <summary>One allocation run at the current time, then time advances by <paramref name="advance"/>.</summary>
    public void Step(TimeSpan advance)
    {
        var result = Allocator.Allocate(Now);
        Check(() => CheckOffers(result.Offers));
        OffersMade += result.Offers.Count;
        foreach (var offer in result.Offers)
        {
            Answer(offer);
        }

        Now += advance;
        foreach (var task in _tasks.Where(t => t.EndsAt <= Now).ToList())
        {
            _tasks.Remove(task);
            Allocator.Recover(task.FrameworkId, task.AgentId, task.Resources, null, Now, task.Role);
        }

        Check(CheckLedger);
    }

    public void Run(int steps, TimeSpan advance)
    {
        for (var i = 0; i < steps; i++)
        {
            Step(advance);
        }
    }

    /// <summary>Takes the task's scalar quantities out of the offer, reserved resources first.</summary>
    internal static ResourceSet? Take(ResourceSet offer, ResourceSet size)
    {
        var taken = new List<Resource>();
        foreach (var need in size)
        {
            var left = need.Scalar;
            foreach (var have in offer.Where(r => r.Name == need.Name && r.Type == ResourceType.Scalar).OrderBy(r => r.IsReserved ? 0 : 1))
            {
                var amount = Math.Min(left, have.Scalar);
                if (amount > 0)
                {
                    taken.Add(Resource.CreateScalar(need.Name, amount, have.Reservation));
                    left = Math.Round(left - amount, 3);
                }
            }

            if (left > 0)
            {
                return null;
            }
        }

        return ResourceSet.Of(taken);
    }

    private void Answer(OfferAllocation offer)
    {
        var framework = _frameworks[offer.FrameworkId];
        var remaining = offer.Resources;
        for (var launched = 0; launched < framework.TasksPerOffer && TaskCount(framework.Id) < framework.MaxTasks; launched++)
        {
            var task = Take(remaining, framework.TaskSize);
            if (task is null)
            {
                break;
            }

            remaining -= task;
            _tasks.Add(new SimulatedTask(framework.Id, offer.Role, offer.AgentId, task, Now + framework.TaskDuration));
        }

        TimeSpan? refuse = framework.RefuseSeconds > 0 ? TimeSpan.FromSeconds(framework.RefuseSeconds) : null;
        Allocator.Recover(framework.Id, offer.AgentId, remaining, refuse, Now, offer.Role);
    }

    private void CheckOffers(IReadOnlyList<OfferAllocation> offers)
    {
        foreach (var group in offers.GroupBy(o => o.AgentId))
        {
            var sum = group.Aggregate(ResourceSet.Empty, (s, o) => s + o.Resources);
            var used = _tasks.Where(t => t.AgentId == group.Key).Aggregate(ResourceSet.Empty, (s, t) => s + t.Resources);
            Assert.True(_agents[group.Key].Contains(sum + used), $"offers on {group.Key} ({sum}) overlap or exceed what is free (used {used})");
            var perFrameworkRole = group.GroupBy(o => (o.FrameworkId, o.Role)).Where(g => g.Count() > 1).ToList();
            Assert.True(perFrameworkRole.Count == 0, $"several offers to one (framework, role) on {group.Key}");
        }

        foreach (var offer in offers)
        {
            Assert.False(offer.Resources.IsEmpty, "empty offer");
            Assert.True(Allocator.IsAllocatable(offer.Resources), $"offer below min allocatable: {offer.Resources}");
            Assert.True(_frameworks.ContainsKey(offer.FrameworkId));
            Assert.Equal(_frameworks[offer.FrameworkId].Role, offer.Role);
            foreach (var r in offer.Resources.Reserved)
            {
                Assert.True(r.Role == offer.Role, $"resource {r} reserved to {r.Role} offered to role {offer.Role}");
            }
        }
    }

    private void CheckLedger()
    {
        foreach (var (agentId, total) in _agents)
        {
            var used = _tasks.Where(t => t.AgentId == agentId).Aggregate(ResourceSet.Empty, (s, t) => s + t.Resources);
            Assert.True(total.Contains(used), $"agent {agentId} over-committed: {used} > {total}");
            Assert.Equal(used, Allocator.AgentAllocated(agentId));
            Assert.Equal(total - used, Allocator.AgentAvailable(agentId));
        }
    }

    private void Check(Action check)
    {
        try
        {
            check();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"simulation invariant broken (seed {Seed}, time {Now:O}): {e.Message}", e);
        }
    }
}
