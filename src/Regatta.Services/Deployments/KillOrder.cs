using Regatta.Services.Model;

namespace Regatta.Services.Deployments;

/// <summary>
/// The default order in which surplus tasks are killed: by condition first (queued, unreachable, staging,
/// starting, then running ones with failing, unknown and finally passing health), then by
/// <see cref="KillSelection"/> on the time the task became active, then by id so the order is total.
/// </summary>
internal static class KillOrder
{
    public static IReadOnlyList<TaskView> Sort(IEnumerable<TaskView> tasks, KillSelection selection)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var byCondition = tasks.OrderBy(Rank);
        var byAge = selection == KillSelection.YoungestFirst
            ? byCondition.ThenByDescending(t => t.ActiveSince ?? DateTimeOffset.MaxValue)
            : byCondition.ThenBy(t => t.ActiveSince ?? DateTimeOffset.MaxValue);
        return [.. byAge.ThenBy(t => t.Id, StringComparer.Ordinal)];
    }

    private static int Rank(TaskView task) => task.Condition switch
    {
        TaskCondition.Scheduled => 0,
        TaskCondition.Unreachable or TaskCondition.UnreachableInactive => 1,
        TaskCondition.Staging => 2,
        TaskCondition.Starting => 3,
        TaskCondition.Running => task.Healthy switch
        {
            false => 4,
            null => 5,
            true => 6,
        },
        _ => 7,
    };
}
