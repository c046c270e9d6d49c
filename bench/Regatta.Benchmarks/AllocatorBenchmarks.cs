using BenchmarkDotNet.Attributes;
using Regatta.Allocation;
using Regatta.Resources;

namespace Regatta.Benchmarks;

/// <summary>
/// One full allocation run of the hierarchical DRF allocator over a fresh cluster: every agent is free,
/// frameworks are spread over ten roles, a tenth of the agents carry a static reservation.
/// <see cref="AllocateAfterDeclines"/> is the filtered case: every first offer was declined with a filter,
/// so each agent goes through a filter check before reaching the next framework.
/// </summary>
[MemoryDiagnoser]
public class AllocatorBenchmarks
{
    private static readonly DateTimeOffset Now = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private HierarchicalAllocator _allocator = null!;

    [Params(1_000, 10_000)]
    public int Agents { get; set; }

    [Params(10, 100)]
    public int Frameworks { get; set; }

    [IterationSetup(Target = nameof(Allocate))]
    public void SetupFresh()
    {
        _allocator = Build(Agents, Frameworks);
        SettleHeap();
    }

    [IterationSetup(Target = nameof(AllocateAfterDeclines))]
    public void SetupDeclined()
    {
        _allocator = Build(Agents, Frameworks);
        foreach (var offer in _allocator.Allocate(Now).Offers)
        {
            _allocator.Recover(offer.FrameworkId, offer.AgentId, offer.Resources, TimeSpan.FromSeconds(5), Now, offer.Role);
        }

        SettleHeap();
    }

    [Benchmark]
    public int Allocate() => _allocator.Allocate(Now).Offers.Count;

    [Benchmark]
    public int AllocateAfterDeclines() => _allocator.Allocate(Now).Offers.Count;

    // Building the cluster leaves garbage; collect it so the measured run does not pay for the setup's GC.
    private static void SettleHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    internal static HierarchicalAllocator Build(int agents, int frameworks)
    {
        var allocator = new HierarchicalAllocator(AllocatorOptions.Default with { Seed = 1 });
        var plain = ResourceText.Parse("cpus:16;mem:65536;disk:100000;ports:[31000-32000]");
        for (var i = 0; i < agents; i++)
        {
            var total = i % 10 == 0 ? plain + ResourceText.Parse($"cpus(role-{i % 7}):4;mem(role-{i % 7}):8192") : plain;
            allocator.AddAgent($"agent-{i:D5}", total);
        }

        for (var f = 0; f < frameworks; f++)
        {
            allocator.AddFramework($"framework-{f:D3}", [$"role-{f % 10}"], []);
        }

        return allocator;
    }
}
