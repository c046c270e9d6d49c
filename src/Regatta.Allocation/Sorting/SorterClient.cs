using Regatta.Resources;

namespace Regatta.Allocation.Sorting;

/// <summary>Bookkeeping of one sorter client: scalar allocation in thousandths, weight, cached share.</summary>
internal sealed class SorterClient(string name, double weight)
{
    private readonly Dictionary<string, long> _allocatedMilli = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public double Weight { get; set; } = weight;

    public bool Active { get; set; } = true;

    /// <summary>Number of allocations ever made to the client (Mesos's tie-breaker: fewer goes first).</summary>
    public long AllocationCount { get; set; }

    public double Share { get; private set; }

    public bool HasAllocation
    {
        get
        {
            foreach (var value in _allocatedMilli.Values)
            {
                if (value > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public void Add(ResourceSet resources, int sign)
    {
        foreach (var r in resources)
        {
            if (r.Type == ResourceType.Scalar)
            {
                var next = _allocatedMilli.GetValueOrDefault(r.Name) + (sign * r.ScalarMilli);
                _allocatedMilli[r.Name] = Math.Max(0, next);
            }
        }
    }

    public void RecomputeShare(IReadOnlyDictionary<string, long> totals)
    {
        double share = 0;
        foreach (var (name, milli) in _allocatedMilli)
        {
            if (milli > 0 && totals.TryGetValue(name, out var total) && total > 0)
            {
                share = Math.Max(share, (double)milli / total);
            }
        }

        Share = Weight > 0 ? share / Weight : double.PositiveInfinity;
    }
}
