using Regatta.Allocation.Sorting;
using Regatta.Resources;

namespace Regatta.Allocation.Tests.Sorting;

public sealed class DrfSorterTests
{
    private readonly Dictionary<string, long> _totals = new() { ["cpus"] = 10_000, ["mem"] = 100_000 };

    private List<string> Sorted(IFairnessSorter sorter)
    {
        var order = new List<string>();
        sorter.Sort(order);
        return order;
    }

    [Fact]
    public void Sort_DifferentDominantShares_LowestFirst()
    {
        var sorter = new DrfSorter(_totals);
        sorter.Add("a");
        sorter.Add("b");
        sorter.Add("c");

        sorter.Allocated("a", ResourceText.Parse("cpus:5"));   // 0.5
        sorter.Allocated("b", ResourceText.Parse("mem:20"));   // 0.2
        sorter.Allocated("c", ResourceText.Parse("cpus:1;mem:30")); // 0.3

        Assert.Equal(["b", "c", "a"], Sorted(sorter));
        Assert.Equal(0.5, sorter.Share("a"), 9);
    }

    [Fact]
    public void Sort_EqualShares_FewerAllocationsThenName()
    {
        var sorter = new DrfSorter(_totals);
        foreach (var name in new[] { "z", "y", "x" })
        {
            sorter.Add(name);
        }

        sorter.Allocated("x", ResourceText.Parse("cpus:1"));
        sorter.Unallocated("x", ResourceText.Parse("cpus:1"));

        Assert.Equal(["y", "z", "x"], Sorted(sorter));
    }

    [Fact]
    public void Sort_Weight_DividesShare()
    {
        var sorter = new DrfSorter(_totals);
        sorter.Add("heavy", weight: 4);
        sorter.Add("light");
        sorter.Allocated("heavy", ResourceText.Parse("cpus:4"));
        sorter.Allocated("light", ResourceText.Parse("cpus:2"));

        Assert.Equal(["heavy", "light"], Sorted(sorter));
        Assert.Equal(0.1, sorter.Share("heavy"), 9);
    }

    [Fact]
    public void Sort_TotalsChanged_Reorders()
    {
        var sorter = new DrfSorter(_totals);
        sorter.Add("cpu-heavy");
        sorter.Add("mem-heavy");
        sorter.Allocated("cpu-heavy", ResourceText.Parse("cpus:2"));   // 0.2
        sorter.Allocated("mem-heavy", ResourceText.Parse("mem:30"));   // 0.3
        Assert.Equal(["cpu-heavy", "mem-heavy"], Sorted(sorter));

        _totals["cpus"] = 4_000; // cpu-heavy now at 0.5
        sorter.TotalsChanged();

        Assert.Equal(["mem-heavy", "cpu-heavy"], Sorted(sorter));
    }

    [Fact]
    public void Sort_InactiveClient_IsLeftOutButKeepsAllocation()
    {
        var sorter = new DrfSorter(_totals);
        sorter.Add("a");
        sorter.Add("b");
        sorter.Allocated("a", ResourceText.Parse("cpus:1"));

        sorter.Deactivate("a");

        Assert.Equal(["b"], Sorted(sorter));
        Assert.True(sorter.HasAllocation("a"));
        sorter.Activate("a");
        Assert.Equal(["b", "a"], Sorted(sorter));
    }
}
