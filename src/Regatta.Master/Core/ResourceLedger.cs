using Regatta.Resources;

namespace Regatta.Master.Core;

/// <summary>Resources per allocation role, kept incrementally so snapshots copy a few entries instead of summing tasks.</summary>
internal sealed class ResourceLedger
{
    private readonly Dictionary<string, ResourceSet> _byRole = new(StringComparer.Ordinal);

    public bool IsEmpty => _byRole.Count == 0;

    public void Add(string role, ResourceSet resources)
    {
        if (resources.IsEmpty)
        {
            return;
        }

        _byRole[role] = _byRole.TryGetValue(role, out var current) ? current + resources : resources;
    }

    public void Subtract(string role, ResourceSet resources)
    {
        if (resources.IsEmpty || !_byRole.TryGetValue(role, out var current))
        {
            return;
        }

        // Saturating: a bookkeeping mismatch must never throw inside the actor.
        var remaining = current.SubtractAvailable(resources);
        if (remaining.IsEmpty)
        {
            _byRole.Remove(role);
        }
        else
        {
            _byRole[role] = remaining;
        }
    }

    public ResourceSet Get(string role) => _byRole.TryGetValue(role, out var value) ? value : ResourceSet.Empty;

    public ResourceSet Total()
    {
        var total = ResourceSet.Empty;
        foreach (var value in _byRole.Values)
        {
            total += value;
        }

        return total;
    }

    public IReadOnlyDictionary<string, ResourceSet> Copy() => new Dictionary<string, ResourceSet>(_byRole, StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, ResourceSet>> Entries => _byRole;
}
