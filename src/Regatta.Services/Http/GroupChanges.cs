using Regatta.Services.Core;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>
/// Turns a groups-API request into a <see cref="GroupChange"/> on the current apps and group records. Pure: the
/// caller runs it on the scheduler's loop and hands the result to <see cref="ServicesCore.ChangeGroup"/>.
/// <list type="bullet">
/// <item><see cref="Update"/>: POST and PUT. Given <c>apps</c> replace the group's own apps (missing ones are
/// removed); given <c>groups</c> are updated or created, missing subgroups removed with everything below them;
/// absent lists keep what is there. Every group the body names gets a record.</item>
/// <item><see cref="Scale"/>: every app below the group gets <c>ceil(instances × factor)</c>, as Marathon rounds.</item>
/// <item><see cref="Rollback"/>: each app below the group goes back to the definition it had at that version;
/// apps created since are removed. Apps deleted since cannot come back (deleting an app drops its history), and
/// group records keep their current dependencies.</item>
/// <item><see cref="Delete"/>: every app and group record below the group goes.</item>
/// </list>
/// </summary>
internal static class GroupChanges
{
    public static Outcome<GroupChange> Update(IReadOnlyDictionary<PathId, AppDefinition> apps, IReadOnlyDictionary<PathId, GroupRecord> records, GroupSpec spec)
    {
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(spec);
        var target = new Dictionary<PathId, AppDefinition>(apps);
        var targetRecords = new Dictionary<PathId, GroupRecord>(records);
        var put = new List<GroupRecord>();
        Apply(spec, target, targetRecords, put);
        if (CheckIdentifiers(target.Keys, targetRecords.Keys) is { } clash)
        {
            return clash;
        }

        // Apps carried over untouched are the very same objects; everything else goes to the core, which tells
        // real changes from restatements once service ports are filled in.
        return new GroupChange(
            [.. target.Values.Where(a => !ReferenceEquals(apps.GetValueOrDefault(a.Id), a)).OrderBy(a => a.Id)],
            [.. apps.Keys.Where(id => !target.ContainsKey(id)).Order()],
            put,
            [.. records.Keys.Where(id => !targetRecords.ContainsKey(id)).Order()]);
    }

    public static GroupChange Scale(IReadOnlyDictionary<PathId, AppDefinition> apps, PathId group, double factor)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var scaled = Below(apps.Values, group)
            .Select(a => a with { Instances = ScaledInstances(a.Instances, factor) })
            .Where(a => a.Instances != apps[a.Id].Instances)
            .OrderBy(a => a.Id);
        return new GroupChange([.. scaled], [], [], []);
    }

    /// <summary><c>ceil(instances × factor)</c>, kept within an int.</summary>
    public static int ScaledInstances(int instances, double factor)
    {
        var scaled = Math.Ceiling(instances * factor);
        return scaled >= int.MaxValue ? int.MaxValue : (int)scaled;
    }

    /// <summary>422 <c>Group /g not available in version …</c> for a version the group never had.</summary>
    public static Outcome<GroupChange> Rollback(
        IReadOnlyDictionary<PathId, AppDefinition> apps,
        GroupTree group,
        DateTimeOffset version,
        Func<PathId, IReadOnlyList<DateTimeOffset>> versionsOf,
        Func<PathId, DateTimeOffset, AppDefinition?> versionOf)
    {
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(group);
        if (!group.Versions(versionsOf).Contains(version))
        {
            return new ApiError(422, $"Group {group.Id} not available in version {AppTimestamp.Format(version)}");
        }

        var changed = new List<AppDefinition>();
        var removed = new List<PathId>();
        foreach (var app in group.TransitiveApps())
        {
            if (AppAt(app.Id, version, versionsOf, versionOf) is not { } then)
            {
                removed.Add(app.Id);
            }
            else if (then.Version != app.Version)
            {
                changed.Add(then with { Version = null });
            }
        }

        return new GroupChange(changed, removed, [], []);
    }

    /// <summary>The apps below the group as they were at <paramref name="version"/> (those that existed then).</summary>
    public static IReadOnlyList<AppDefinition> AppsAt(
        GroupTree group,
        DateTimeOffset version,
        Func<PathId, IReadOnlyList<DateTimeOffset>> versionsOf,
        Func<PathId, DateTimeOffset, AppDefinition?> versionOf)
    {
        ArgumentNullException.ThrowIfNull(group);
        return [.. group.TransitiveApps().Select(a => AppAt(a.Id, version, versionsOf, versionOf)).OfType<AppDefinition>()];
    }

    public static GroupChange Delete(IReadOnlyDictionary<PathId, AppDefinition> apps, IReadOnlyDictionary<PathId, GroupRecord> records, PathId group)
    {
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(records);
        return new GroupChange(
            [],
            [.. apps.Keys.Where(id => id.IsDescendantOf(group)).Order()],
            [],
            [.. records.Keys.Where(id => id == group || id.IsDescendantOf(group)).Order()]);
    }

    /// <summary>An app id may not also be a group's (a recorded group, or the parent of an app or of a group).</summary>
    public static ApiError? CheckIdentifiers(IEnumerable<PathId> appIds, IEnumerable<PathId> recordIds)
    {
        var ids = appIds.ToList();
        var groupIds = ids.SelectMany(id => id.Ancestors).Concat(recordIds).Concat(recordIds.SelectMany(id => id.Ancestors)).ToHashSet();
        if (ids.FirstOrDefault(groupIds.Contains) is { IsEmpty: false } clash)
        {
            return new ApiError(422, "Object is not valid")
            {
                Body = AppInputError.NotValid("/", $"{GroupJson.SameIdentifier} ({clash})").ToJson(),
            };
        }

        return null;
    }

    private static void Apply(GroupSpec spec, Dictionary<PathId, AppDefinition> target, Dictionary<PathId, GroupRecord> records, List<GroupRecord> put)
    {
        var id = spec.Id;
        if (spec.Apps is { } listed)
        {
            var keep = listed.Select(a => a.Id).ToHashSet();
            foreach (var gone in target.Keys.Where(a => a.Parent == id && !keep.Contains(a)).ToList())
            {
                target.Remove(gone);
            }

            foreach (var app in listed)
            {
                target[app.Id] = app;
            }
        }

        if (spec.Groups is { } children)
        {
            var keep = children.Select(g => g.Id).ToHashSet();
            // Subgroups hold an app somewhere below them, or are (or hold) a recorded group.
            var existing = target.Keys.Where(app => app.IsDescendantOf(id) && !app.IsChildOf(id))
                .Concat(records.Keys.Where(group => group.IsDescendantOf(id)))
                .Select(other => GroupTree.ChildToward(id, other))
                .ToHashSet();
            foreach (var gone in existing.Where(g => !keep.Contains(g)))
            {
                RemoveBelow(gone, target, records);
            }

            foreach (var child in children)
            {
                Apply(child, target, records, put);
            }
        }

        // The root is never recorded: it always exists, and its dependencies would order nothing.
        if (!id.IsRoot)
        {
            var record = new GroupRecord(id, spec.Dependencies is { } given ? [.. given] : records.GetValueOrDefault(id)?.Dependencies ?? [], DateTimeOffset.UnixEpoch);
            records[id] = record;
            put.Add(record);
        }
    }

    private static void RemoveBelow(PathId group, Dictionary<PathId, AppDefinition> target, Dictionary<PathId, GroupRecord> records)
    {
        foreach (var app in target.Keys.Where(a => a.IsDescendantOf(group)).ToList())
        {
            target.Remove(app);
        }

        foreach (var record in records.Keys.Where(r => r == group || r.IsDescendantOf(group)).ToList())
        {
            records.Remove(record);
        }
    }

    private static AppDefinition? AppAt(PathId id, DateTimeOffset version, Func<PathId, IReadOnlyList<DateTimeOffset>> versionsOf, Func<PathId, DateTimeOffset, AppDefinition?> versionOf)
    {
        var at = versionsOf(id).Where(v => v <= version).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        return at == DateTimeOffset.MinValue ? null : versionOf(id, at);
    }

    private static IEnumerable<AppDefinition> Below(IEnumerable<AppDefinition> apps, PathId group) => apps.Where(a => a.Id.IsDescendantOf(group));
}
