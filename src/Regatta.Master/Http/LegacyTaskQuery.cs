using System.Globalization;
using Regatta.Master.Snapshots;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Http;

/// <summary>
/// The query of <c>/master/tasks</c>: <c>framework_id</c>, <c>task_id</c>, <c>limit</c> (default 100),
/// <c>offset</c> (default 0), <c>order</c> (<c>asc</c>|<c>desc</c>, default desc) over the first status's time.
/// </summary>
internal sealed record LegacyTaskQuery(string? FrameworkId, string? TaskId, int Limit, int Offset, bool Ascending)
{
    public const int DefaultLimit = 100;

    /// <summary>Reads the query; on bad input returns null and an error naming the parameter and the rule.</summary>
    public static LegacyTaskQuery? TryParse(Func<string, string?> query, out string? error)
    {
        error = null;
        var limit = ParseCount(query("limit"), "limit", DefaultLimit, ref error);
        var offset = ParseCount(query("offset"), "offset", 0, ref error);
        var order = query("order");
        var ascending = false;
        if (!string.IsNullOrEmpty(order))
        {
            if (order.Equals("asc", StringComparison.OrdinalIgnoreCase))
            {
                ascending = true;
            }
            else if (!order.Equals("desc", StringComparison.OrdinalIgnoreCase))
            {
                error ??= $"Invalid 'order' query parameter '{order}': expected 'asc' or 'desc'";
            }
        }

        return error is null
            ? new LegacyTaskQuery(NullIfEmpty(query("framework_id")), NullIfEmpty(query("task_id")), limit, offset, ascending)
            : null;
    }

    /// <summary>
    /// Tasks of registered and completed frameworks (active, unreachable and completed ones), sorted by the
    /// time of their first status (tasks without one go first ascending, last descending), then paged.
    /// </summary>
    public IReadOnlyList<(MesosTask Task, string FallbackRole)> Select(MasterSnapshot snapshot)
    {
        var selected = new List<(MesosTask Task, string FallbackRole)>();
        foreach (var framework in snapshot.Frameworks.Concat(snapshot.CompletedFrameworks))
        {
            if (FrameworkId is not null && framework.Id != FrameworkId)
            {
                continue;
            }

            var role = LegacyFrameworkJson.FallbackRole(framework);
            foreach (var task in framework.Tasks.Concat(framework.UnreachableTasks).Concat(framework.CompletedTasks))
            {
                if (TaskId is null || task.TaskId?.Value == TaskId)
                {
                    selected.Add((task, role));
                }
            }
        }

        var ordered = Ascending
            ? selected.OrderBy(t => LegacyTaskJson.StartTime(t.Task) ?? double.NegativeInfinity)
            : selected.OrderByDescending(t => LegacyTaskJson.StartTime(t.Task) ?? double.NegativeInfinity);
        return ordered.Skip(Offset).Take(Limit).ToList();
    }

    private static int ParseCount(string? text, string name, int defaultValue, ref string? error)
    {
        if (string.IsNullOrEmpty(text))
        {
            return defaultValue;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        error ??= $"Invalid '{name}' query parameter '{text}': expected a non-negative integer";
        return defaultValue;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
