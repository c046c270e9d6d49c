using Regatta.Resources;

namespace Regatta.Allocation.Sorting;

/// <summary>
/// Orders clients (roles, or frameworks within a role) by who should be offered resources next.
/// Clients stay known while inactive so their allocation keeps counting; only active ones are sorted.
/// </summary>
internal interface IFairnessSorter
{
    int Count { get; }

    bool Contains(string client);

    void Add(string client, double weight = 1.0);

    void Remove(string client);

    void Activate(string client);

    void Deactivate(string client);

    void SetWeight(string client, double weight);

    void Allocated(string client, ResourceSet resources);

    void Unallocated(string client, ResourceSet resources);

    /// <summary>True when the client holds any scalar allocation.</summary>
    bool HasAllocation(string client);

    /// <summary>Tells the sorter the shared cluster totals changed, so every share must be recomputed.</summary>
    void TotalsChanged();

    /// <summary>Weighted dominant share: max over scalar kinds of allocated/total, divided by weight.</summary>
    double Share(string client);

    /// <summary>Clears <paramref name="output"/> and fills it with the active clients, first to be served first.</summary>
    void Sort(List<string> output);
}
