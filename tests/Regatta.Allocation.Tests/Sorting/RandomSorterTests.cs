using Regatta.Allocation.Sorting;

namespace Regatta.Allocation.Tests.Sorting;

public sealed class RandomSorterTests
{
    private static readonly Dictionary<string, long> Totals = new() { ["cpus"] = 1000 };

    private static List<string> FirstPicks(int seed, int rounds)
    {
        var sorter = new RandomSorter(Totals, new Random(seed));
        sorter.Add("a");
        sorter.Add("b", weight: 3);
        sorter.Add("c");
        sorter.Deactivate("c");
        var picks = new List<string>();
        var order = new List<string>();
        for (var i = 0; i < rounds; i++)
        {
            sorter.Sort(order);
            Assert.Equal(2, order.Count);
            picks.Add(order[0]);
        }

        return picks;
    }

    [Fact]
    public void Sort_SameSeed_SameOrders()
    {
        Assert.Equal(FirstPicks(5, 50), FirstPicks(5, 50));
    }

    [Fact]
    public void Sort_Weight_FavoursHeavierClient()
    {
        var picks = FirstPicks(1, 4000);
        var bFirst = picks.Count(p => p == "b") / 4000.0;

        // Weight 3 against weight 1: b comes first with probability 3/4.
        Assert.InRange(bFirst, 0.70, 0.80);
    }
}
