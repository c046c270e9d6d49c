using Regatta.Services.Core;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>
/// One group of the tree the groups API shows, built from the app ids and the stored group records: a group exists
/// as the parent (at any depth) of an app or of a recorded group, or as a record itself. Children are sorted by id.
/// </summary>
internal sealed class GroupTree
{
    private readonly SortedDictionary<PathId, AppDefinition> apps = [];
    private readonly SortedDictionary<PathId, GroupTree> groups = [];

    private GroupTree(PathId id) => Id = id;

    public PathId Id { get; }

    /// <summary>The apps directly in this group.</summary>
    public IEnumerable<AppDefinition> Apps => apps.Values;

    /// <summary>The groups directly in this group.</summary>
    public IEnumerable<GroupTree> Groups => groups.Values;

    /// <summary>The group's stored record (dependencies, version of its last change), if it has one.</summary>
    public GroupRecord? Record { get; private set; }

    public ValueArray<PathId> Dependencies => Record?.Dependencies ?? [];

    /// <summary>The latest change below the group: of its apps and recorded groups; the epoch when there is none.</summary>
    public DateTimeOffset Version =>
        TransitiveApps().Select(a => a.Version ?? DateTimeOffset.UnixEpoch)
            .Concat(TransitiveGroups().Select(g => g.Record?.Version ?? DateTimeOffset.UnixEpoch))
            .DefaultIfEmpty(DateTimeOffset.UnixEpoch)
            .Max();

    /// <summary>
    /// The group's versions, newest first: every stored version of an app below it and the last change of every
    /// recorded group below it.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> Versions(Func<PathId, IReadOnlyList<DateTimeOffset>> versionsOf)
    {
        ArgumentNullException.ThrowIfNull(versionsOf);
        return [.. TransitiveApps().SelectMany(a => versionsOf(a.Id))
            .Concat(TransitiveGroups().Select(g => g.Record?.Version).OfType<DateTimeOffset>())
            .Distinct()
            .OrderDescending()];
    }

    /// <summary>The whole tree from its root.</summary>
    public static GroupTree Build(IEnumerable<AppDefinition> apps, IEnumerable<GroupRecord> records)
    {
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(records);
        var root = new GroupTree(PathId.Root);
        foreach (var record in records)
        {
            root.GroupAt(record.Id).Record = record;
        }

        foreach (var app in apps)
        {
            root.GroupAt(app.Id.Parent).apps[app.Id] = app;
        }

        return root;
    }

    /// <summary>The group with this id in the tree below (or at) this one; null when there is none.</summary>
    public GroupTree? Find(PathId id)
    {
        var current = this;
        while (current.Id != id)
        {
            if (!id.IsDescendantOf(current.Id) || !current.groups.TryGetValue(ChildToward(current.Id, id), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Every app below this group, its subgroups' included, ordered by id.</summary>
    public IEnumerable<AppDefinition> TransitiveApps() =>
        TransitiveGroups().SelectMany(g => g.Apps).OrderBy(a => a.Id);

    /// <summary>This group and every group below it.</summary>
    public IEnumerable<GroupTree> TransitiveGroups()
    {
        yield return this;
        foreach (var child in groups.Values)
        {
            foreach (var group in child.TransitiveGroups())
            {
                yield return group;
            }
        }
    }

    /// <summary>The id of the group directly below <paramref name="group"/> on the way to <paramref name="descendant"/>.</summary>
    public static PathId ChildToward(PathId group, PathId descendant) =>
        PathId.FromSegments(descendant.Segments.Take(group.Segments.Length + 1));

    private GroupTree GroupAt(PathId id)
    {
        var current = this;
        while (current.Id != id)
        {
            var childId = ChildToward(current.Id, id);
            if (!current.groups.TryGetValue(childId, out var next))
            {
                next = new GroupTree(childId);
                current.groups[childId] = next;
            }

            current = next;
        }

        return current;
    }
}
