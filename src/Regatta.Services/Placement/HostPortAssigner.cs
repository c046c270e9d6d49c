using Regatta.Resources;

namespace Regatta.Services.Placement;

/// <summary>
/// Picks host ports for one task from the ports an offer holds. Fixed requests must be present; "any" requests
/// take the lowest free ports, or uniformly random ones when a seeded <see cref="Random"/> is given
/// (Marathon picks at random so a port freed by a dead task is not reused at once).
/// </summary>
internal static class HostPortAssigner
{
    private static readonly ValueRanges ValidPorts = ValueRanges.Single(1, 65535);

    /// <summary>
    /// On success <paramref name="assigned"/> has one entry per requested port (null where none was asked for).
    /// On failure <paramref name="error"/> says which ports are missing.
    /// </summary>
    public static bool TryAssign(
        HostPortRequest request,
        ValueRanges offered,
        Random? random,
        out IReadOnlyList<int?> assigned,
        out string? error)
    {
        var result = new int?[request.Ports.Count];
        assigned = result;
        error = null;

        // Only real port numbers count, whatever the offer claims.
        offered = offered.Intersect(ValidPorts);
        var fixedPorts = request.Ports.Where(p => p is > 0).Select(p => (ulong)p!.Value).Distinct().Order().ToList();
        var missing = fixedPorts.Where(p => !offered.Contains(p)).ToList();
        if (missing.Count > 0)
        {
            error = $"ports not available: {string.Join(",", missing)} (offer has {offered})";
            return false;
        }

        var free = offered.Subtract(ValueRanges.Of(fixedPorts.Select(p => new ValueRange(p, p))));
        var anyCount = request.Ports.Count(p => p == 0);
        if ((ulong)anyCount > free.ValueCount)
        {
            error = $"ports not available: {anyCount} dynamic port(s) needed, offer has {free.ValueCount} free in {offered}";
            return false;
        }

        for (var i = 0; i < result.Length; i++)
        {
            var wanted = request.Ports[i];
            if (wanted is null)
            {
                continue;
            }

            if (wanted > 0)
            {
                result[i] = wanted;
                continue;
            }

            var port = random is null ? free[0].Begin : NthValue(free, (ulong)random.NextInt64((long)Math.Min(free.ValueCount, long.MaxValue)));
            result[i] = checked((int)port);
            free = free.Subtract(ValueRanges.Single(port, port));
        }

        return true;
    }

    /// <summary>The assigned ports as the set of values the task consumes.</summary>
    public static ValueRanges ToRanges(IEnumerable<int?> assigned) =>
        ValueRanges.Of(assigned.Where(p => p is not null).Select(p => new ValueRange((ulong)p!.Value, (ulong)p.Value)));

    private static ulong NthValue(ValueRanges ranges, ulong n)
    {
        foreach (var r in ranges)
        {
            var size = r.End - r.Begin + 1;
            if (n < size)
            {
                return r.Begin + n;
            }

            n -= size;
        }

        throw new ArgumentOutOfRangeException(nameof(n));
    }
}
