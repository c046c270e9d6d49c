using Regatta.Protocol.V1;
using Regatta.Resources;
using Capability = Regatta.Protocol.V1.FrameworkInfo.Types.Capability.Types.Type;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Core;

/// <summary>A framework the master knows (not yet removed). Owned by the actor; only <see cref="Info"/> escapes.</summary>
internal sealed class FrameworkRecord
{
    private FrameworkInfo _info = null!;

    public FrameworkRecord(FrameworkInfo info)
    {
        Id = info.Id.Value;
        Info = info;
    }

    public string Id { get; }

    /// <summary>Replaced, never mutated.</summary>
    public FrameworkInfo Info
    {
        get => _info;
        set
        {
            _info = value;
            Roles = EffectiveRoles(value);
            PartitionAware = Has(value, Capability.PartitionAware);
            MultiRole = Has(value, Capability.MultiRole);
        }
    }

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public bool PartitionAware { get; private set; }

    public bool MultiRole { get; private set; }

    public HashSet<string> SuppressedRoles { get; } = new(StringComparer.Ordinal);

    public IFrameworkStream? Stream { get; set; }

    public bool Connected => Stream is not null;

    /// <summary>Connected and receiving offers.</summary>
    public bool Active { get; set; }

    /// <summary>Known from the registry or an agent but not re-subscribed since this master started.</summary>
    public bool Recovered { get; set; }

    public DateTimeOffset? RegisteredTime { get; set; }

    public DateTimeOffset? ReregisteredTime { get; set; }

    public DateTimeOffset? UnregisteredTime { get; set; }

    /// <summary>Bumped whenever a failover timer is started or cancelled; stale timers carry an older value.</summary>
    public long FailoverGeneration { get; set; }

    public DateTimeOffset? FailoverDeadline { get; set; }

    public Dictionary<string, TaskRecord> Tasks { get; } = new(StringComparer.Ordinal);

    public LinkedList<MesosTask> CompletedTasks { get; } = new();

    public HashSet<string> OfferIds { get; } = new(StringComparer.Ordinal);

    public ResourceLedger Allocated { get; } = new();

    public ResourceLedger Offered { get; } = new();

    public TimeSpan FailoverTimeout =>
        double.IsFinite(Info.FailoverTimeout) && Info.FailoverTimeout > 0
            ? TimeSpan.FromSeconds(Math.Min(Info.FailoverTimeout, TimeSpan.MaxValue.TotalSeconds / 2))
            : TimeSpan.Zero;

    /// <summary>The roles a framework subscribes with: MULTI_ROLE <c>roles</c>, else its single (deprecated) <c>role</c>.</summary>
    public static IReadOnlyList<string> EffectiveRoles(FrameworkInfo info)
    {
#pragma warning disable CS0612 // FrameworkInfo.role is deprecated in Mesos but still the role of non-MULTI_ROLE frameworks.
        return Has(info, Capability.MultiRole) ? [.. info.Roles] : [info.Role];
#pragma warning restore CS0612
    }

    public static bool Has(FrameworkInfo info, Capability capability) => info.Capabilities.Any(c => c.Type == capability);

    public void AddCompleted(MesosTask task, int limit)
    {
        if (limit <= 0)
        {
            return;
        }

        CompletedTasks.AddLast(task);
        while (CompletedTasks.Count > limit)
        {
            CompletedTasks.RemoveFirst();
        }
    }

    public ResourceSet UsedOn(IEnumerable<TaskRecord> tasks)
    {
        var total = ResourceSet.Empty;
        foreach (var task in tasks)
        {
            if (task.HoldsResources)
            {
                total += task.Resources;
            }
        }

        return total;
    }
}
