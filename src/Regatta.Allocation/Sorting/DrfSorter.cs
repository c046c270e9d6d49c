using Regatta.Resources;

namespace Regatta.Allocation.Sorting;

/// <summary>
/// Dominant Resource Fairness: lowest weighted dominant share first; ties by fewer allocations, then name.
/// The order is maintained incrementally: a changed client is re-inserted by binary search, and only a
/// change of the cluster totals (which moves every share) triggers a full re-sort.
/// </summary>
internal sealed class DrfSorter(IReadOnlyDictionary<string, long> clusterTotals) : IFairnessSorter
{
    private static readonly Comparison<SorterClient> Order = Compare;

    private readonly Dictionary<string, SorterClient> _clients = new(StringComparer.Ordinal);
    private readonly List<SorterClient> _ordered = [];
    private bool _totalsDirty;

    public int Count => _clients.Count;

    public bool Contains(string client) => _clients.ContainsKey(client);

    public void Add(string client, double weight = 1.0)
    {
        if (_clients.ContainsKey(client))
        {
            return;
        }

        var c = new SorterClient(client, weight);
        c.RecomputeShare(clusterTotals);
        _clients.Add(client, c);
        Insert(c);
    }

    public void Remove(string client)
    {
        if (_clients.Remove(client, out var c))
        {
            _ordered.Remove(c);
        }
    }

    public void Activate(string client) => SetActive(client, true);

    public void Deactivate(string client) => SetActive(client, false);

    public void SetWeight(string client, double weight)
    {
        if (_clients.TryGetValue(client, out var c))
        {
            c.Weight = weight;
            Reposition(c);
        }
    }

    public void Allocated(string client, ResourceSet resources)
    {
        if (_clients.TryGetValue(client, out var c))
        {
            c.Add(resources, +1);
            c.AllocationCount++;
            Reposition(c);
        }
    }

    public void Unallocated(string client, ResourceSet resources)
    {
        if (_clients.TryGetValue(client, out var c))
        {
            c.Add(resources, -1);
            Reposition(c);
        }
    }

    public bool HasAllocation(string client) => _clients.TryGetValue(client, out var c) && c.HasAllocation;

    public void TotalsChanged() => _totalsDirty = true;

    public double Share(string client)
    {
        Refresh();
        return _clients.TryGetValue(client, out var c) ? c.Share : 0;
    }

    public void Sort(List<string> output)
    {
        Refresh();
        output.Clear();
        foreach (var c in _ordered)
        {
            if (c.Active)
            {
                output.Add(c.Name);
            }
        }
    }

    private static int Compare(SorterClient x, SorterClient y)
    {
        var c = x.Share.CompareTo(y.Share);
        if (c != 0)
        {
            return c;
        }

        c = x.AllocationCount.CompareTo(y.AllocationCount);
        return c != 0 ? c : string.CompareOrdinal(x.Name, y.Name);
    }

    private void SetActive(string client, bool active)
    {
        if (_clients.TryGetValue(client, out var c))
        {
            c.Active = active;
        }
    }

    private void Refresh()
    {
        if (!_totalsDirty)
        {
            return;
        }

        foreach (var c in _ordered)
        {
            c.RecomputeShare(clusterTotals);
        }

        _ordered.Sort(Order);
        _totalsDirty = false;
    }

    private void Reposition(SorterClient c)
    {
        if (_totalsDirty)
        {
            // A full re-sort is pending anyway; Refresh recomputes this share too.
            return;
        }

        _ordered.Remove(c);
        c.RecomputeShare(clusterTotals);
        Insert(c);
    }

    private void Insert(SorterClient c)
    {
        int lo = 0, hi = _ordered.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Compare(_ordered[mid], c) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        _ordered.Insert(lo, c);
    }
}
