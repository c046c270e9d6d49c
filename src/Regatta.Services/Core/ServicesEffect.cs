using Regatta.Coordination.Store;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Core;

/// <summary>What the core asks its host to do after a turn; store writes are durable before any other effect runs.</summary>
internal abstract record ServicesEffect
{
    /// <summary>ACCEPT: launch these tasks on the offer (remaining resources declined for <paramref name="RefuseSeconds"/>).</summary>
    internal sealed record Launch(V1.OfferID OfferId, IReadOnlyList<V1.TaskInfo> Tasks, double RefuseSeconds) : ServicesEffect;

    internal sealed record Decline(IReadOnlyList<V1.OfferID> OfferIds, double RefuseSeconds) : ServicesEffect;

    internal sealed record Kill(string TaskId, string? AgentId) : ServicesEffect;

    internal sealed record Acknowledge(V1.TaskStatus Status) : ServicesEffect;

    /// <summary>RECONCILE: explicit for the listed tasks, implicit when the list is empty.</summary>
    internal sealed record Reconcile(IReadOnlyList<(string TaskId, string? AgentId)> Tasks) : ServicesEffect;

    internal sealed record Revive : ServicesEffect;

    internal sealed record Suppress : ServicesEffect;

    /// <summary>An event for the /v2/events bus.</summary>
    internal sealed record Publish(object Event) : ServicesEffect;

    /// <summary>Start or stop the scheduler-side health checks of a task.</summary>
    internal sealed record WatchHealth(ServiceTask Task, Model.AppDefinition App) : ServicesEffect;

    internal sealed record UnwatchHealth(string TaskId) : ServicesEffect;

    /// <summary>Query the app's readiness check for a new task of a deployment until it answers ready.</summary>
    internal sealed record WatchReadiness(ServiceTask Task, Model.AppDefinition App) : ServicesEffect;
}

/// <summary>One turn's output: store mutations first (group-committed), then the effects in order.</summary>
internal sealed class ServicesOutbox
{
    public List<StoreMutation> Mutations { get; } = [];

    public List<ServicesEffect> Effects { get; } = [];

    public bool IsEmpty => Mutations.Count == 0 && Effects.Count == 0;

    public void Add(ServicesEffect effect) => Effects.Add(effect);

    public (List<StoreMutation> Mutations, List<ServicesEffect> Effects) Take()
    {
        var taken = (new List<StoreMutation>(Mutations), new List<ServicesEffect>(Effects));
        Mutations.Clear();
        Effects.Clear();
        return taken;
    }
}
