using Regatta.Resources;
using Regatta.Services.Placement;
using static Regatta.Services.Tests.Placement.Agents;

namespace Regatta.Services.Tests.Placement;

/// <summary>Randomized placement runs; each failure message names the seed that reproduces it.</summary>
public class PlacementInvariantTests
{
    private static readonly ResourceSet Plenty = ResourceText.Parse("cpus:64;mem:65536;ports:[31000-32000]");

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 25));

    /// <summary>Offers arrive in random order; each task takes the first offer that matches.</summary>
    private static List<AgentView> PlaceOneByOne(TaskRequirements task, IReadOnlyList<AgentView> agents, int count, Random random, List<AgentView>? alreadyPlaced = null)
    {
        var placed = alreadyPlaced ?? [];
        for (var i = 0; i < count; i++)
        {
            var offers = agents.OrderBy(_ => random.Next()).Select(a => new OfferView("o-" + a.AgentId, a, Plenty));
            var match = offers.Select(o => OfferMatcher.Match(task, o, new PlacementContext(placed), random)).FirstOrDefault(m => m.IsMatch);
            if (match is not null)
            {
                placed.Add(match.Offer.Agent);
            }
        }

        return placed;
    }

    private static List<AgentView> RandomAgents(Random random, int count, int racks) =>
        Enumerable.Range(0, count).Select(i => OnRack($"h{i}", $"r{random.Next(racks)}")).ToList();

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Unique_PlacingKTasksOverNAgents_OnePerHostAndMinKN(int seed)
    {
        var random = new Random(seed);
        var agents = RandomAgents(random, random.Next(1, 12), 3);
        var k = random.Next(0, 16);
        var task = new TaskRequirements(0.1, 16, Constraints: [Constraint.Parse("hostname", "UNIQUE")]);

        var placed = PlaceOneByOne(task, agents, k, random);

        Assert.True(placed.Count == Math.Min(k, agents.Count), $"seed {seed}: placed {placed.Count} of {k} on {agents.Count} agents");
        Assert.True(placed.Select(a => a.Hostname).Distinct().Count() == placed.Count, $"seed {seed}: two tasks on one host");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Unique_RollingUpgradeWithOldTasksLeaving_NeverTwoOnOneHost(int seed)
    {
        var random = new Random(seed);
        var agents = RandomAgents(random, random.Next(3, 10), 3);
        var task = new TaskRequirements(0.1, 16, Constraints: [Constraint.Parse("hostname", "UNIQUE")]);
        var instances = random.Next(1, agents.Count + 1);
        var old = PlaceOneByOne(task, agents, instances, random);
        var current = new List<AgentView>(old);
        var fresh = 0;

        // Interleave: launch a new-version task when one fits, otherwise kill an old one; both versions count.
        while (fresh < instances)
        {
            var before = current.Count;
            PlaceOneByOne(task, agents, 1, random, current);
            if (current.Count > before)
            {
                fresh++;
            }
            else
            {
                Assert.True(old.Count > 0, $"seed {seed}: stuck with no old task left to kill");
                var victim = old[random.Next(old.Count)];
                old.Remove(victim);
                current.Remove(victim);
            }

            Assert.True(current.Select(a => a.Hostname).Distinct().Count() == current.Count, $"seed {seed}: UNIQUE broken mid-upgrade");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MaxPer_NeverExceedsLimitAndFillsCapacity(int seed)
    {
        var random = new Random(seed);
        var agents = RandomAgents(random, random.Next(1, 10), 4);
        var limit = random.Next(1, 4);
        var k = random.Next(0, 30);
        var task = new TaskRequirements(0.1, 16, Constraints: [Constraint.Parse("rack", "MAX_PER", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

        var placed = PlaceOneByOne(task, agents, k, random);

        var racks = agents.Select(a => a.ValueOf("rack")).Distinct().Count();
        Assert.True(placed.Count == Math.Min(k, racks * limit), $"seed {seed}: placed {placed.Count}, expected {Math.Min(k, racks * limit)}");
        Assert.True(placed.GroupBy(a => a.ValueOf("rack")).All(g => g.Count() <= limit), $"seed {seed}: MAX_PER exceeded");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GroupBy_EveryStepBalancedWithinOne(int seed)
    {
        var random = new Random(seed);
        var racks = random.Next(2, 5);
        var agents = Enumerable.Range(0, racks * 2).Select(i => OnRack($"h{i}", $"r{i % racks}")).ToList();
        var groupBy = Constraint.Parse("rack", "GROUP_BY", racks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var task = new TaskRequirements(0.1, 16, Constraints: [groupBy]);
        var placed = new List<AgentView>();

        for (var step = 0; step < 20; step++)
        {
            PlaceOneByOne(task, agents, 1, random, placed);
            var sizes = Enumerable.Range(0, racks).Select(r => placed.Count(a => a.ValueOf("rack") == $"r{r}")).ToList();
            Assert.True(sizes.Max() - sizes.Min() <= 1, $"seed {seed}: step {step} unbalanced [{string.Join(",", sizes)}]");
        }

        Assert.Equal(20, placed.Count);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void KillSelector_GroupByScaleDown_SurvivorsStayBalanced(int seed)
    {
        var random = new Random(seed);
        var racks = random.Next(2, 5);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var tasks = Enumerable.Range(0, random.Next(4, 25))
            .Select(i => new KillCandidate(
                $"t{i}", OnRack($"h{i}", $"r{random.Next(racks)}"), "v1", CandidateCondition.Running, start, start.AddSeconds(random.Next(1000))))
            .ToList();
        var kill = random.Next(0, tasks.Count + 1);

        var killed = KillSelector.Select(tasks, kill, constraints: [Constraint.Parse("rack", "GROUP_BY")]);

        Assert.Equal(kill, killed.Count);
        Assert.Equal(kill, killed.Select(t => t.TaskId).Distinct().Count());
        var before = tasks.GroupBy(t => t.Agent.ValueOf("rack")!).ToDictionary(g => g.Key, g => g.Count());
        var after = tasks.Except(killed).GroupBy(t => t.Agent.ValueOf("rack")!).ToDictionary(g => g.Key, g => g.Count());
        var largest = after.Count == 0 ? 0 : after.Values.Max();

        // No kill comes from a group smaller than the largest survivor group minus one.
        foreach (var (rack, total) in before)
        {
            var left = after.GetValueOrDefault(rack);
            Assert.True(left == total || left >= largest - 1, $"seed {seed}: rack {rack} cut to {left}, largest is {largest}");
        }

        Assert.Equal(killed, KillSelector.Select(tasks.AsEnumerable().Reverse().ToList(), kill, constraints: [Constraint.Parse("rack", "GROUP_BY")]));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void HostPorts_RandomRequests_DistinctInOfferAndConsumed(int seed)
    {
        var random = new Random(seed);
        var ranges = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
        {
            var begin = (ulong)random.Next(31000, 31100);
            return new ValueRange(begin, begin + (ulong)random.Next(0, 5));
        });
        var offered = ValueRanges.Of(ranges);
        var request = HostPortRequest.ForPortMappings(Enumerable.Range(0, random.Next(0, 8)).Select(_ => random.Next(3) switch
        {
            0 => (int?)null,
            1 => 0,
            _ => random.Next(31000, 31105),
        }));
        var offer = new OfferView("o", Host("h"), ResourceSet.Of(Resource.CreateScalar("cpus", 1), Resource.CreateScalar("mem", 64), Resource.CreateRanges("ports", offered)));

        var match = OfferMatcher.Match(new TaskRequirements(0.1, 16, Ports: request), offer, PlacementContext.Empty, random);

        var fixedPorts = request.Ports.Where(p => p > 0).Select(p => (ulong)p!.Value).Distinct().ToList();
        var feasible = fixedPorts.All(offered.Contains)
            && (ulong)request.Ports.Count(p => p == 0) <= offered.Subtract(ValueRanges.Of(fixedPorts.Select(p => new ValueRange(p, p)))).ValueCount;
        Assert.True(feasible == match.IsMatch, $"seed {seed}: feasible={feasible} but match={match.IsMatch}");
        if (match.IsMatch)
        {
            var assigned = match.HostPorts.Where(p => p is not null).Select(p => (ulong)p!.Value).ToList();
            Assert.All(assigned, p => Assert.True(offered.Contains(p), $"seed {seed}: port {p} not offered"));
            Assert.Equal(request.Ports.Select(p => p is null), match.HostPorts.Select(p => p is null));
            Assert.Equal(HostPortAssigner.ToRanges(match.HostPorts), match.Consumed.Ranges("ports"));
            Assert.Equal(request.Ports.Count(p => p == 0) + fixedPorts.Count, assigned.Distinct().Count());
        }
    }
}
