namespace Regatta.Allocation.Sorting;

/// <summary>The default policy (<c>--role_sorter=drf</c>, <c>--framework_sorter=drf</c>).</summary>
internal sealed class DrfSorterFactory : IFairnessSorterFactory
{
    public static readonly DrfSorterFactory Instance = new();

    public IFairnessSorter Create(IReadOnlyDictionary<string, long> clusterTotals, Random random) => new DrfSorter(clusterTotals);
}
