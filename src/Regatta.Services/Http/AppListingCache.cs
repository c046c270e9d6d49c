using Microsoft.AspNetCore.Http;
using Regatta.Services.Core;
using Regatta.Services.Deployments;
using Regatta.Services.Launching;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>
/// The AppInfo objects of <c>GET /v2/apps</c>, each rendered once (UTF-8 JSON) and reused while nothing it shows has
/// changed: the definition (immutable: compared by reference), the launched tasks and the fields of theirs that are
/// shown, their health results, the ids of the deployments touching the app and its last task failure. Checking an
/// app is one pass over its tasks that allocates nothing, so listing 1,000 apps × 10 tasks that changed little costs
/// about a millisecond on the scheduler's loop instead of a 5 MB render, and the loop is free again while the bytes
/// are sent. Used only on that loop (inside <c>ServicesActor.RunAsync</c>), so it takes no lock.
/// </summary>
internal sealed class AppListingCache
{
    /// <summary>Entries no listing used for this many listings (apps deleted, filters no longer asked for) are dropped.</summary>
    private const int KeepListings = 32;

    private readonly Dictionary<(PathId App, AppEmbed Embed), Entry> _entries = [];
    private long _listing;
    private PathId[] _order = [];

    private static readonly Func<ServiceTask, IReadOnlyList<TaskHealthView>> NoHealth = _ => [];
    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] Tail = "]}"u8.ToArray();

    /// <summary>The AppInfo of <paramref name="app"/> as <see cref="ServicesJson.WriteAppInfo(System.Text.Json.Utf8JsonWriter, ServicesCore, AppDefinition, AppEmbed, Func{ServiceTask, IReadOnlyList{TaskHealthView}})"/> writes it.</summary>
    public byte[] AppInfo(ServicesCore core, AppDefinition app, AppEmbed embed, IReadOnlyList<string> deploymentIds, Func<ServiceTask, IReadOnlyList<TaskHealthView>> health)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(app);
        var failure = embed.HasFlag(AppEmbed.LastTaskFailure) ? core.RuntimeOf(app.Id).LastTaskFailure : null;
        var tasks = core.TasksOf(app.Id);

        // Health results show only inside embedded tasks; otherwise they must not make an AppInfo look changed. They
        // exist only for tasks this scheduler checks: an app's with health checks, or (checks since removed) a task a
        // check reported on, which set its health. Skipping the others saves a locked lookup per task.
        var results = health;
        health = !embed.HasFlag(AppEmbed.Tasks) ? NoHealth
            : app.HealthChecks.Count > 0 ? results
            : t => t.Healthy is null ? [] : results(t);
        if (_entries.TryGetValue((app.Id, embed), out var cached) && cached.Shows(app, tasks, deploymentIds, failure, health))
        {
            cached.LastListing = _listing;
            return cached.Json;
        }

        List<ServiceTask> launched = [.. tasks.Where(t => t.IsLaunched)];
        TaskStamp[] stamps = [.. launched.Select(t => TaskStamp.Of(t, health(t)))];
        var healthOf = stamps.ToDictionary(s => s.Task, s => (IReadOnlyList<TaskHealthView>)s.Health);
        var json = ServicesJson.RenderUtf8(w => ServicesJson.WriteAppInfo(w, app, launched, deploymentIds, failure, embed, t => healthOf[t]));
        _entries[(app.Id, embed)] = new Entry(app, stamps, [.. deploymentIds], failure, json) { LastListing = _listing };
        return json;
    }

    /// <summary>The apps in id order; the order is reused while the set of ids stays the same (definitions are looked up anew).</summary>
    public List<AppDefinition> AppsInOrder(ServicesCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        var apps = core.Apps;
        var list = new List<AppDefinition>(apps.Count);
        if (_order.Length == apps.Count)
        {
            foreach (var id in _order)
            {
                if (!apps.TryGetValue(id, out var app))
                {
                    break;
                }

                list.Add(app);
            }

            if (list.Count == apps.Count)
            {
                return list;
            }
        }

        list = [.. apps.Values.OrderBy(a => a.Id)];
        _order = [.. list.Select(a => a.Id)];
        return list;
    }

    /// <summary>Marks the end of one listing; now and then drops the entries recent listings did not use.</summary>
    public void EndListing()
    {
        if (++_listing % KeepListings != 0)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.LastListing < _listing - KeepListings)
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>App id → ids of the running deployments touching it, in the order <c>DeploymentsOf</c> yields them; one pass.</summary>
    public static Dictionary<string, List<string>> DeploymentIdsByApp(ServicesCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        var byApp = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var deployment in core.Deployments.Values)
        {
            foreach (var appId in deployment.Plan.AffectedApps)
            {
                if (!byApp.TryGetValue(appId, out var ids))
                {
                    ids = [];
                    byApp[appId] = ids;
                }

                ids.Add(deployment.Id);
            }
        }

        return byApp;
    }

    /// <summary>
    /// Sends <c>{"&lt;property&gt;":[fragment,fragment,…]}</c> with its length. The fragments are copied into the
    /// response in 32 KB blocks and flushed every 256 KB: Kestrel's response writer takes a lock per GetMemory/Advance,
    /// which a write per fragment would take thousands of times per listing, against the thread sending.
    /// </summary>
    public static async Task WriteArrayAsync(HttpContext context, string property, IReadOnlyList<byte[]> fragments)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(fragments);
        const int BlockBytes = 32 * 1024;
        const int FlushBytes = 256 * 1024;
        var head = System.Text.Encoding.UTF8.GetBytes($"{{\"{property}\":[");
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = head.Length + fragments.Sum(f => (long)f.Length) + Math.Max(0, fragments.Count - 1) + 2;
        var body = response.BodyWriter;
        var block = Memory<byte>.Empty;
        var used = 0;
        var unflushed = 0;
        foreach (var piece in Pieces(head, fragments))
        {
            for (var offset = 0; offset < piece.Length;)
            {
                if (used == block.Length)
                {
                    if (used > 0)
                    {
                        body.Advance(used);
                        unflushed += used;
                        used = 0;
                        if (unflushed >= FlushBytes)
                        {
                            unflushed = 0;
                            if ((await body.FlushAsync(context.RequestAborted).ConfigureAwait(false)).IsCanceled)
                            {
                                return;
                            }
                        }
                    }

                    block = body.GetMemory(BlockBytes);
                }

                var n = Math.Min(block.Length - used, piece.Length - offset);
                piece.Slice(offset, n).CopyTo(block[used..]);
                used += n;
                offset += n;
            }
        }

        body.Advance(used);
        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Pieces(byte[] head, IReadOnlyList<byte[]> fragments)
    {
        yield return head;
        for (var i = 0; i < fragments.Count; i++)
        {
            if (i > 0)
            {
                yield return Comma;
            }

            yield return fragments[i];
        }

        yield return Tail;
    }

    private static bool SameItems<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One rendered AppInfo and what it was rendered from.</summary>
    private sealed class Entry(AppDefinition app, TaskStamp[] stamps, string[] deploymentIds, TaskFailure? failure, byte[] json)
    {
        public byte[] Json { get; } = json;

        public long LastListing { get; set; }

        public bool Shows(AppDefinition current, IEnumerable<ServiceTask> tasks, IReadOnlyList<string> currentDeploymentIds, TaskFailure? currentFailure, Func<ServiceTask, IReadOnlyList<TaskHealthView>> health)
        {
            if (!ReferenceEquals(app, current) || !Equals(failure, currentFailure) || !SameItems(deploymentIds, currentDeploymentIds))
            {
                return false;
            }

            var i = 0;
            foreach (var task in tasks)
            {
                if (!task.IsLaunched)
                {
                    continue;
                }

                if (i >= stamps.Length || !stamps[i].Matches(task, health))
                {
                    return false;
                }

                i++;
            }

            return i == stamps.Length;
        }
    }

    /// <summary>
    /// What an AppInfo shows of one task, copied when it was rendered (lists included: a list changed in place is
    /// still noticed).
    /// </summary>
    private readonly record struct TaskStamp(
        ServiceTask Task,
        TaskCondition Condition,
        bool? Healthy,
        DateTimeOffset? StagedAt,
        DateTimeOffset? StartedAt,
        DateTimeOffset AppVersion,
        string? AgentId,
        string? Host,
        int?[] HostPorts,
        string[] IpAddresses,
        TaskHealthView[] Health)
    {
        public static TaskStamp Of(ServiceTask task, IReadOnlyList<TaskHealthView> health) => new(
            task, task.Condition, task.Healthy, task.StagedAt, task.StartedAt, task.AppVersion, task.AgentId, task.Host,
            [.. task.HostPorts], [.. task.IpAddresses], [.. health]);

        public bool Matches(ServiceTask task, Func<ServiceTask, IReadOnlyList<TaskHealthView>> health) =>
            ReferenceEquals(Task, task)
            && Condition == task.Condition
            && Healthy == task.Healthy
            && StagedAt == task.StagedAt
            && StartedAt == task.StartedAt
            && AppVersion == task.AppVersion
            && string.Equals(AgentId, task.AgentId, StringComparison.Ordinal)
            && string.Equals(Host, task.Host, StringComparison.Ordinal)
            && SameItems(HostPorts, task.HostPorts)
            && SameItems(IpAddresses, task.IpAddresses)
            && SameItems(Health, health(task));
    }
}
