using Regatta.Resources;

namespace Regatta.Allocation.Sorting;

/// <summary>
/// Mesos's <c>random</c> sorter: a weighted random order on every sort (a client of weight 2 is twice as
/// likely to come first). Draws from the allocator's seeded random, so runs are reproducible.
/// </summary>
internal sealed class RandomSorter(IReadOnlyDictionary<string, long> clusterTotals, Random random) : IFairnessSorter
{
    private readonly SortedDictionary<string, SorterClient> _clients = new(StringComparer.Ordinal);
    private readonly List<(double Key, string Name)> _keys = [];

    public int Count => _clients.Count;

    public bool Contains(string client) => _clients.ContainsKey(client);

    public void Add(string client, double weight = 1.0) => _clients.TryAdd(client, new SorterClient(client, weight));

    public void Remove(string client) => _clients.Remove(client);

    public void Activate(string client) => SetActive(client, true);

    public void Deactivate(string client) => SetActive(client, false);

    public void SetWeight(string client, double weight)
    {
        if (_clients.TryGetValue(client, out var c))
        {
            c.Weight = weight;
        }
    }

    public void Allocated(string client, ResourceSet resources)
    {
        if (_clients.TryGetValue(client, out var c))
        {
            c.Add(resources, +1);
            c.AllocationCount++;
        }
    }

    public void Unallocated(string client, ResourceSet resources)
    {
        if (_clients.TryGetValue(client, out var c))
        {
            c.Add(resources, -1);
        }
    }

    public bool HasAllocation(string client) => _clients.TryGetValue(client, out var c) && c.HasAllocation;

    public void TotalsChanged()
    {
    }

    public double Share(string client)
    {
        if (!_clients.TryGetValue(client, out var c))
        {
            return 0;
        }

        c.RecomputeShare(clusterTotals);
        return c.Share;
    }

    public void Sort(List<string> output)
    {
        // Efraimidis–Spirakis: sorting by u^(1/w) descending is a weighted random permutation.
        _keys.Clear();
        foreach (var c in _clients.Values)
        {
            if (c.Active)
            {
                var u = random.NextDouble();
                _keys.Add((Math.Pow(u, 1.0 / Math.Max(c.Weight, 1e-9)), c.Name));
            }
        }

        _keys.Sort((a, b) => b.Key.CompareTo(a.Key) is var k && k != 0 ? k : string.CompareOrdinal(a.Name, b.Name));
        output.Clear();
        foreach (var (_, name) in _keys)
        {
            output.Add(name);
        }
    }

    private void SetActive(string client, bool active)
    {
        if (_clients.TryGetValue(client, out var c))
        {
            c.Active = active;
        }
    }
}
