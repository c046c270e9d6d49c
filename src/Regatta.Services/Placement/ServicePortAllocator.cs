namespace Regatta.Services.Placement;

/// <summary>
/// Gives an app version its service ports. A fixed port (≠ 0) is kept as asked, but may not be one another app
/// uses; a 0 is filled with the port the previous version had at the same position, else another of its previous
/// ports, else the lowest free port of the range. Service ports are unique across apps, so a re-posted app keeps
/// its ports and load balancers keep their frontends.
/// </summary>
internal static class ServicePortAllocator
{
    /// <param name="requested">The new version's service ports in order (0 = assign one).</param>
    /// <param name="previous">The ports the current version of the same app has; null for a new app.</param>
    /// <param name="usedByOthers">Every service port of every other app.</param>
    public static bool TryAllocate(
        IReadOnlyList<int> requested,
        IReadOnlyList<int>? previous,
        IReadOnlySet<int> usedByOthers,
        ServicePortRange range,
        out IReadOnlyList<int> ports,
        out IReadOnlyList<ServicePortError> errors)
    {
        var result = requested.ToArray();
        var problems = new List<ServicePortError>();
        var taken = new HashSet<int>(usedByOthers);
        for (var i = 0; i < result.Length; i++)
        {
            var port = result[i];
            if (port == 0)
            {
                continue;
            }

            if (port is < 0 or > 65535)
            {
                problems.Add(new ServicePortError(i, $"service port {port} is not between 0 and 65535"));
            }
            else if (usedByOthers.Contains(port))
            {
                problems.Add(new ServicePortError(i, $"Requested service port {port} conflicts with a service port in use by another app"));
            }
            else if (!taken.Add(port))
            {
                problems.Add(new ServicePortError(i, "Port numbers must be unique."));
            }
        }

        // Same position first, then any other previous port, so reordering 0s does not shuffle ports needlessly.
        var prior = previous ?? [];
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] == 0 && i < prior.Count && prior[i] > 0 && taken.Add(prior[i]))
            {
                result[i] = prior[i];
            }
        }

        var cursor = range.Min;
        for (var i = 0; i < result.Length; i++)
        {
            if (result[i] != 0)
            {
                continue;
            }

            var reused = prior.FirstOrDefault(p => p > 0 && !taken.Contains(p));
            if (reused > 0)
            {
                result[i] = reused;
                taken.Add(reused);
                continue;
            }

            while (cursor <= range.Max && taken.Contains(cursor))
            {
                cursor++;
            }

            if (cursor > range.Max)
            {
                problems.Add(new ServicePortError(i, $"no free service port left in the range [{range.Min}, {range.Max}]"));
                continue;
            }

            result[i] = cursor;
            taken.Add(cursor);
        }

        ports = result;
        errors = problems;
        return problems.Count == 0;
    }
}
