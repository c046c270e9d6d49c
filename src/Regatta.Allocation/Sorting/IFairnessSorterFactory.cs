namespace Regatta.Allocation.Sorting;

/// <summary>Creates the sorters of one allocator: one for roles and one per role for its frameworks.</summary>
internal interface IFairnessSorterFactory
{
    /// <param name="clusterTotals">Live scalar totals of the cluster (the allocator mutates it and calls <see cref="IFairnessSorter.TotalsChanged"/>).</param>
    /// <param name="random">The allocator's seeded random source, for policies that need one.</param>
    IFairnessSorter Create(IReadOnlyDictionary<string, long> clusterTotals, Random random);
}
