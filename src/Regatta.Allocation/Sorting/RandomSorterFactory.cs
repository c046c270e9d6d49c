namespace Regatta.Allocation.Sorting;

/// <summary>The <c>random</c> policy: weighted random order, seeded by the allocator.</summary>
internal sealed class RandomSorterFactory : IFairnessSorterFactory
{
    public static readonly RandomSorterFactory Instance = new();

    public IFairnessSorter Create(IReadOnlyDictionary<string, long> clusterTotals, Random random) => new RandomSorter(clusterTotals, random);
}
