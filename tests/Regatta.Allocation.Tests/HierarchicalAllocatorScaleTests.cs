using System.Diagnostics;
using Regatta.Resources;

namespace Regatta.Allocation.Tests;

public sealed class HierarchicalAllocatorScaleTests
{
    [Fact]
    public void Allocate_TenThousandAgentsHundredFrameworks_OffersEveryAgentQuickly()
    {
        var allocator = new HierarchicalAllocator(AllocatorOptions.Default with { Seed = 1 });
        var total = ResourceText.Parse("cpus:16;mem:65536;disk:100000;ports:[31000-32000]");
        for (var i = 0; i < 10_000; i++)
        {
            allocator.AddAgent($"agent-{i:D5}", total);
        }

        for (var f = 0; f < 100; f++)
        {
            allocator.AddFramework($"framework-{f:D3}", [$"role-{f % 10}"], []);
        }

        var watch = Stopwatch.StartNew();
        var result = allocator.Allocate(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        watch.Stop();

        Assert.Equal(10_000, result.Offers.Count);
        Assert.Equal(100, result.Offers.Select(o => o.FrameworkId).Distinct().Count());
        // Generous bound for a loaded 2-core CI machine; a Release run takes ~100 ms.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"allocation over 10,000 agents took {watch.Elapsed}");
    }
}
