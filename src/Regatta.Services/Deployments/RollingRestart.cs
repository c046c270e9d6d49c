using Regatta.Services.Model;

namespace Regatta.Services.Deployments;

/// <summary>
/// <c>RestartApplication</c> as a function of the current tasks. Each call kills old tasks that serve nobody
/// (queued, launching, unreachable, failing health checks); kills serving old tasks only while the serving
/// count stays at or above <see cref="RestartState.HealthFloor"/>; trims new tasks above <c>instances</c> the
/// same way; and queues new tasks while the occupied slots (killing tasks included) stay within
/// <see cref="RestartState.MaxCapacity"/>. Old tasks whose health is not known yet are killed only when the
/// floor is already met without them, so a restart right after a leader change (health results lost) cannot
/// take an app down. The caller must show kills as Killing and launches as Scheduled before the next call.
/// </summary>
internal static class RollingRestart
{
    public static RestartDecision Next(RestartState state, IReadOnlyList<TaskView> tasks)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(tasks);
        var app = state.App;
        var occupying = tasks.Where(t => t.Condition.OccupiesCapacity()).ToList();
        var live = occupying.Where(t => t.Condition != TaskCondition.Killing).ToList();
        var oldTasks = live.Where(t => !state.IsNew(t)).ToList();
        var newTasks = live.Where(state.IsNew).ToList();
        var serving = live.Count(state.IsServing);
        var seen = serving;
        var kills = new List<TaskKill>();

        var unknown = new List<TaskView>();
        var oldServing = new List<TaskView>();
        foreach (var task in KillOrder.Sort(oldTasks, app.KillSelection))
        {
            if (state.IsServing(task))
            {
                oldServing.Add(task);
            }
            else if (task.Condition == TaskCondition.Running && task.Healthy is null)
            {
                unknown.Add(task);
            }
            else
            {
                kills.Add(new TaskKill(task.Id, KillReason.Upgrade));
            }
        }

        var newKept = newTasks.Count;
        foreach (var task in KillOrder.Sort(newTasks, app.KillSelection).Take(Math.Max(0, newTasks.Count - app.Instances)))
        {
            if (TryKill(state, task, ref serving))
            {
                kills.Add(new TaskKill(task.Id, KillReason.ScalingDown));
                newKept--;
            }
        }

        if (serving >= state.HealthFloor)
        {
            kills.AddRange(unknown.Select(t => new TaskKill(t.Id, KillReason.Upgrade)));
        }

        foreach (var task in oldServing)
        {
            if (!TryKill(state, task, ref serving))
            {
                break;
            }

            kills.Add(new TaskKill(task.Id, KillReason.Upgrade));
        }

        var launch = Math.Max(0, Math.Min(app.Instances - newKept, state.MaxCapacity - occupying.Count));
        var done = occupying.Count == app.Instances
            && occupying.All(t => state.IsNew(t) && t.Condition != TaskCondition.Killing && state.IsServing(t));
        return new RestartDecision(kills, launch, app.Version, done, seen, occupying.Count);
    }

    /// <summary>True (and the serving count adjusted) when killing <paramref name="task"/> keeps the floor.</summary>
    private static bool TryKill(RestartState state, TaskView task, ref int serving)
    {
        if (!state.IsServing(task))
        {
            return true;
        }

        if (serving - 1 < state.HealthFloor)
        {
            return false;
        }

        serving--;
        return true;
    }
}
