namespace Regatta.Services.Deployments;

/// <summary>
/// Moves a deployment forward from what is observed. An action is complete when: Start — the app is stored;
/// Scale — exactly <c>instances</c> tasks, all running, healthy (if checked) and, when launched for this
/// version, ready (if checked), and none being killed; Restart — <see cref="RollingRestart"/> says done;
/// Stop — no task left that is not terminal. When every action of the step is complete the next step starts
/// at once. Our extension: a Scale or Restart not complete within its app's
/// <see cref="PlannedApp.DeploymentDeadline"/> after its step started fails the deployment.
/// </summary>
internal static class DeploymentProgress
{
    public static DeploymentAdvance Advance(DeploymentState state, DeploymentObservation observation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observation);
        var events = new List<DeploymentEvent>();
        if (state.Status != DeploymentStatus.Running)
        {
            return new DeploymentAdvance(state, events, null, []);
        }

        while (state.StepIndex < state.TotalSteps)
        {
            var actions = state.Plan.Steps[state.StepIndex].Actions;
            var completed = new HashSet<string>(state.CompletedApps, StringComparer.Ordinal);
            foreach (var action in actions)
            {
                if (!completed.Contains(action.AppId) && IsComplete(action, state.Plan, observation))
                {
                    completed.Add(action.AppId);
                }
            }

            state = state with { CompletedApps = completed };
            if (completed.Count < actions.Count)
            {
                return Waiting(state, actions, now, events);
            }

            events.Add(new DeploymentEvent(DeploymentEventKind.StepSucceeded, state.StepIndex + 1));
            state = state with
            {
                StepIndex = state.StepIndex + 1,
                StepStartedAt = now,
                CompletedApps = new HashSet<string>(StringComparer.Ordinal),
            };
        }

        state = state with { Status = DeploymentStatus.Succeeded };
        events.Add(new DeploymentEvent(DeploymentEventKind.Succeeded, state.TotalSteps));
        return new DeploymentAdvance(state, events, null, []);
    }

    /// <summary>Whether <paramref name="action"/> of <paramref name="plan"/> has reached its goal.</summary>
    public static bool IsComplete(DeploymentAction action, DeploymentPlan plan, DeploymentObservation observation)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(observation);
        var tasks = observation.TasksOf(action.AppId);
        return action.Kind switch
        {
            DeploymentActionKind.StartApplication => observation.StoredApps.Contains(action.AppId),
            DeploymentActionKind.ScaleApplication => IsScaled(plan.Target[action.AppId], tasks),
            DeploymentActionKind.RestartApplication =>
                RollingRestart.Next(new RestartState(plan.Target[action.AppId]), tasks).Done,
            DeploymentActionKind.StopApplication => tasks.All(t => t.Condition.IsTerminal()),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.Kind, "unknown action kind"),
        };
    }

    private static bool IsScaled(PlannedApp app, IReadOnlyList<TaskView> tasks)
    {
        var counted = tasks.Where(t => t.Condition.CountsAsInstance()).ToList();
        return counted.Count == app.Instances
            && !tasks.Any(t => t.Condition == TaskCondition.Killing)
            && counted.All(t => t.IsRunningHealthy(app.HasHealthChecks)
                && (!app.HasReadinessChecks || t.Version != app.Version || t.Ready == true));
    }

    private static DeploymentAdvance Waiting(
        DeploymentState state, IReadOnlyList<DeploymentAction> actions, DateTimeOffset now, List<DeploymentEvent> events)
    {
        DateTimeOffset? next = null;
        var late = new List<string>();
        foreach (var action in actions)
        {
            if (state.CompletedApps.Contains(action.AppId)
                || action.Kind is not (DeploymentActionKind.ScaleApplication or DeploymentActionKind.RestartApplication)
                || state.Plan.Target[action.AppId].DeploymentDeadline is not { } limit)
            {
                continue;
            }

            var deadline = state.StepStartedAt + limit;
            if (now >= deadline)
            {
                late.Add(action.AppId);
            }
            else
            {
                next = Housekeeping.Earliest(next, deadline);
            }
        }

        if (late.Count == 0)
        {
            return new DeploymentAdvance(state, events, next, []);
        }

        var reason = string.Join("; ", late.Select(id =>
            $"{id}: new tasks not all healthy and ready within {state.Plan.Target[id].DeploymentDeadline!.Value.TotalSeconds:0.###} s"));
        var failed = state with { Status = DeploymentStatus.Failed, FailureReason = reason };
        events.Add(new DeploymentEvent(DeploymentEventKind.Failed, state.StepIndex + 1, reason));
        return new DeploymentAdvance(failed, events, null, late);
    }
}
