namespace Regatta.Services.Deployments;

/// <summary>
/// Dependency levels of a set of apps: an app's level is the length of its longest chain of dependencies
/// (0 for none). Dependencies on ids outside the set are ignored: they impose no order here.
/// </summary>
internal static class DependencyOrder
{
    /// <summary>Returns one cycle (ids, first repeated at the end), or null when the graph is acyclic.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, PlannedApp> apps)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var state = new Dictionary<string, Mark>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var id in apps.Keys.Order(StringComparer.Ordinal))
        {
            var cycle = Visit(id, apps, state, path);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        return null;
    }

    /// <summary>Level of every app. Throws <see cref="DependencyCycleException"/> on a cycle.</summary>
    public static IReadOnlyDictionary<string, int> Levels(IReadOnlyDictionary<string, PlannedApp> apps)
    {
        var cycle = FindCycle(apps);
        if (cycle is not null)
        {
            throw new DependencyCycleException(cycle);
        }

        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in apps.Keys)
        {
            LevelOf(id, apps, levels);
        }

        return levels;
    }

    private static int LevelOf(string id, IReadOnlyDictionary<string, PlannedApp> apps, Dictionary<string, int> levels)
    {
        if (levels.TryGetValue(id, out var known))
        {
            return known;
        }

        // Acyclic here (checked by the caller), so the recursion ends; depth is bounded by the chain length.
        var level = 0;
        foreach (var dependency in apps[id].Dependencies)
        {
            if (apps.ContainsKey(dependency))
            {
                level = Math.Max(level, LevelOf(dependency, apps, levels) + 1);
            }
        }

        levels[id] = level;
        return level;
    }

    private static IReadOnlyList<string>? Visit(
        string id, IReadOnlyDictionary<string, PlannedApp> apps, Dictionary<string, Mark> state, List<string> path)
    {
        if (state.TryGetValue(id, out var mark))
        {
            if (mark == Mark.Done)
            {
                return null;
            }

            var start = path.IndexOf(id);
            return [.. path.Skip(start), id];
        }

        state[id] = Mark.InProgress;
        path.Add(id);
        foreach (var dependency in apps[id].Dependencies.Order(StringComparer.Ordinal))
        {
            if (!apps.ContainsKey(dependency))
            {
                continue;
            }

            var cycle = Visit(dependency, apps, state, path);
            if (cycle is not null)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        state[id] = Mark.Done;
        return null;
    }

    private enum Mark
    {
        InProgress,
        Done,
    }
}
