using Google.Protobuf;
using Regatta.Coordination.Store;

namespace Regatta.Master.Core;

/// <summary>
/// What one actor turn produced: registry writes (committed first, together) and effects (performed after,
/// in order), plus whether an allocation run was asked for and for which agents.
/// </summary>
internal sealed class MasterOutbox
{
    private HashSet<string>? _allocationAgents = new(StringComparer.Ordinal);

    public List<StoreMutation> Mutations { get; } = [];

    public List<MasterEffect> Effects { get; } = [];

    public bool AllocationRequested { get; private set; }

    /// <summary>Agents to consider in the next run; null means all.</summary>
    public IReadOnlyCollection<string>? AllocationAgents => _allocationAgents;

    public bool IsEmpty => Mutations.Count == 0 && Effects.Count == 0 && !AllocationRequested;

    public void Put(string key, IMessage value) => Mutations.Add(StoreMutation.Put(key, value.ToByteArray()));

    public void Delete(string key) => Mutations.Add(StoreMutation.Delete(key));

    public void Add(MasterEffect effect) => Effects.Add(effect);

    /// <summary>Asks for an allocation run over <paramref name="agentId"/>, or over every agent when null.</summary>
    public void RequestAllocation(string? agentId)
    {
        AllocationRequested = true;
        if (agentId is null)
        {
            _allocationAgents = null;
        }
        else
        {
            _allocationAgents?.Add(agentId);
        }
    }

    public void Clear()
    {
        Mutations.Clear();
        Effects.Clear();
        AllocationRequested = false;
        _allocationAgents = new HashSet<string>(StringComparer.Ordinal);
    }
}
