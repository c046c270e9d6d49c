using Regatta.Services.Deployments;
using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Core;

internal sealed partial class ServicesCore
{
    private readonly HashSet<PathId> _terminating = [];
    private DateTimeOffset _lastOfferAt;
    private DateTimeOffset _lastReviveAt;

    /// <summary>The periodic pass: every app reconciled, every deployment advanced (timeouts, backoff ends).</summary>
    public void Tick(DateTimeOffset now)
    {
        Drive(now);
        ReviveAgainIfStarved(now);
    }

    /// <summary>
    /// Tasks wait, offers are not suppressed, yet no offer came for <see cref="ServicesCoreOptions.ReviveRepeatAfter"/>:
    /// revive again (Marathon repeats its revive calls too). A revive that the master never got, or got before an
    /// older decline filter, would otherwise leave the queue waiting until the filter ends.
    /// </summary>
    private void ReviveAgainIfStarved(DateTimeOffset now)
    {
        if (!Subscribed || _suppressed || !AnyQueued())
        {
            return;
        }

        var quietSince = _lastOfferAt > _lastReviveAt ? _lastOfferAt : _lastReviveAt;
        if (now - quietSince >= _options.ReviveRepeatAfter)
        {
            Revive(now);
        }
    }

    private void Revive(DateTimeOffset now)
    {
        _suppressed = false;
        _lastReviveAt = now;
        Outbox.Add(new ServicesEffect.Revive());
    }

    /// <summary>
    /// Brings the named apps (all when null) toward their definitions — through the current action of their
    /// deployment (restart: rolling; scale, start and steady state: the reconciler) — then advances the deployments;
    /// repeated while a deployment moves on to a step whose actions need driving.
    /// </summary>
    private void Drive(DateTimeOffset now, IReadOnlyCollection<PathId>? only = null)
    {
        if (only is null)
        {
            NextCheckAt = null;
        }

        for (var round = 0; round < 8; round++)
        {
            DriveApps(now, only);
            StopRemovedApps(now);
            var moved = AdvanceDeployments(now, only);
            if (moved.Count == 0)
            {
                break;
            }

            // A deployment that moved to its next step drives that step's apps (and only those).
            only = only is null ? null : [.. moved];
        }

        if (_suppressed && _queued.Count > 0)
        {
            Revive(now);
        }
    }

    private void DriveApps(DateTimeOffset now, IReadOnlyCollection<PathId>? only)
    {
        var actions = CurrentActions();
        foreach (var appId in only ?? [.. _apps.Keys])
        {
            if (!_apps.TryGetValue(appId, out var app))
            {
                continue;
            }

            var planned = AppPlanning.ToPlanned(app);
            actions.TryGetValue(appId.ToString(), out var action);
            if (action?.Kind == DeploymentActionKind.RestartApplication)
            {
                var review = Housekeeping.Review(planned, ViewsOf(appId), now, _options.LaunchTimeout);
                Apply(appId, review.MarkInactive, review.Expunge, review.Kills);
                var restart = RollingRestart.Next(new RestartState(planned), ViewsOf(appId));
                Apply(appId, [], [], restart.Kills);
                Enqueue(app, restart.Launch, now);
                Later(review.NextCheckAt);
                continue;
            }

            var runtime = RuntimeOf(appId);
            var decision = Reconciler.Decide(new ReconcileInput(planned, ViewsOf(appId), runtime.Backoff, now)
            {
                Sentenced = action?.SentencedTasks ?? [],
                LaunchTimeout = _options.LaunchTimeout,
                KillChooser = ConstraintKillChooser.For(app, RequirementsOf(app).ConstraintList, id => _tasks.GetValueOrDefault(id)),
            });
            runtime.Backoff = decision.Backoff;
            runtime.LaunchNotBefore = decision.LaunchNotBefore;
            Apply(appId, decision.MarkInactive, decision.Expunge, decision.Kills);
            Enqueue(app, decision.Launch, now);
            Later(decision.NextCheckAt);
        }
    }

    /// <summary>Tasks of apps that are gone are killed; once none is left the app is reported terminated.</summary>
    private void StopRemovedApps(DateTimeOffset now)
    {
        foreach (var task in _tasksByApp.Where(a => !_apps.ContainsKey(a.Key)).SelectMany(a => a.Value.Values).ToList())
        {
            _terminating.Add(task.AppId);
            if (task.Condition != TaskCondition.Killing)
            {
                KillTask(task, KillReason.Stop);
            }
        }

        foreach (var appId in _terminating.ToList())
        {
            if (!_apps.ContainsKey(appId) && !_tasksByApp.ContainsKey(appId))
            {
                _terminating.Remove(appId);
                _runtime.Remove(appId);
                Publish(ServicesEvents.AppTerminated(appId, now));
            }
        }
    }

    /// <summary>
    /// Advances the deployments that touch the named apps (all when null); returns the apps of those that moved to a new
    /// step (their actions need a drive).
    /// </summary>
    private HashSet<PathId> AdvanceDeployments(DateTimeOffset now, IReadOnlyCollection<PathId>? only)
    {
        var moved = new HashSet<PathId>();
        if (_deployments.Count == 0)
        {
            return moved;
        }

        var touched = only?.Select(id => id.ToString()).ToHashSet(StringComparer.Ordinal);
        var stored = _apps.Keys.Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var deployment in _deployments.Values.ToList())
        {
            if (touched is not null && !deployment.Plan.AffectedApps.Any(touched.Contains))
            {
                continue;
            }

            var tasks = deployment.Plan.AffectedApps.ToDictionary(
                id => id, id => ViewsOf(PathId.Parse(id)), StringComparer.Ordinal);
            var advance = DeploymentProgress.Advance(deployment.State, new DeploymentObservation(stored, tasks), now);
            var before = deployment.State;
            deployment.State = advance.State;
            Later(advance.NextCheckAt);
            foreach (var progress in advance.Events)
            {
                switch (progress.Kind)
                {
                    case DeploymentEventKind.StepSucceeded:
                        Publish(ServicesEvents.StepSuccess(deployment, progress.Step, now));
                        moved.UnionWith(deployment.AffectedApps);
                        break;
                    case DeploymentEventKind.Succeeded:
                        RemoveDeployment(deployment, succeeded: true, null);
                        Publish(ServicesEvents.Success(deployment, now));
                        break;
                    case DeploymentEventKind.Failed:
                        Publish(ServicesEvents.StepFailure(deployment, progress.Step, now));
                        RemoveDeployment(deployment, succeeded: false, progress.Reason);
                        Publish(ServicesEvents.Failed(deployment, progress.Reason, now));
                        Log($"deployment {deployment.Id} failed: {progress.Reason}");
                        if (advance.RollBack)
                        {
                            RollBack(deployment, now);
                        }

                        moved.UnionWith(deployment.AffectedApps);
                        break;
                }
            }

            if (_deployments.ContainsKey(deployment.Id) && Progressed(before, deployment.State))
            {
                Outbox.Mutations.Add(ServicesStoreKeys.PutDeployment(deployment));
            }
        }

        return moved;
    }

    /// <summary>Whether a deployment's stored progress changed (step, status or the apps done in the step).</summary>
    private static bool Progressed(DeploymentState before, DeploymentState after) =>
        before.StepIndex != after.StepIndex || before.Status != after.Status || before.StepStartedAt != after.StepStartedAt
        || !before.CompletedApps.SetEquals(after.CompletedApps);

    private void RemoveDeployment(DeploymentRecord deployment, bool succeeded, string? reason)
    {
        if (!_deployments.Remove(deployment.Id))
        {
            return;
        }

        Outbox.Mutations.Add(ServicesStoreKeys.DeleteDeployment(deployment.Id));
        if (!succeeded && reason is "canceled" or "replaced by a forced deployment")
        {
            Publish(ServicesEvents.Failed(deployment, reason, deployment.State.StepStartedAt));
        }
    }

    /// <summary>App id → the action its running deployment currently performs on it.</summary>
    private Dictionary<string, DeploymentAction> CurrentActions()
    {
        var actions = new Dictionary<string, DeploymentAction>(StringComparer.Ordinal);
        foreach (var deployment in _deployments.Values)
        {
            foreach (var action in deployment.State.CurrentActions)
            {
                actions[action.AppId] = action;
            }
        }

        return actions;
    }

    private void Apply(PathId appId, IReadOnlyList<string> markInactive, IReadOnlyList<string> expunge, IReadOnlyList<TaskKill> kills)
    {
        foreach (var id in markInactive)
        {
            if (_tasks.TryGetValue(id, out var task))
            {
                task.Condition = TaskCondition.UnreachableInactive;
                Outbox.Mutations.Add(ServicesStoreKeys.PutTask(task));
            }
        }

        foreach (var id in expunge)
        {
            if (_tasks.TryGetValue(id, out var task) && task.AppId == appId)
            {
                Forget(task);
            }
        }

        foreach (var kill in kills)
        {
            if (_tasks.TryGetValue(kill.TaskId, out var task))
            {
                KillTask(task, kill.Reason);
            }
        }
    }

    private void KillTask(ServiceTask task, KillReason reason)
    {
        if (task.Condition is TaskCondition.Scheduled or TaskCondition.Unreachable or TaskCondition.UnreachableInactive)
        {
            // Nothing runs (queued), or nothing answers (unreachable): the task is simply forgotten.
            if (task.IsLaunched)
            {
                Outbox.Add(new ServicesEffect.Kill(task.Id, task.AgentId));
            }

            Forget(task);
            return;
        }

        if (task.Condition == TaskCondition.Killing)
        {
            return;
        }

        Log($"killing task {task.Id} ({reason})");
        task.Condition = TaskCondition.Killing;
        Outbox.Add(new ServicesEffect.Kill(task.Id, task.AgentId));
        Outbox.Add(new ServicesEffect.UnwatchHealth(task.Id));
        Outbox.Mutations.Add(ServicesStoreKeys.PutTask(task));
    }

    private void Forget(ServiceTask task)
    {
        RemoveTask(task);
        if (task.IsLaunched)
        {
            Outbox.Mutations.Add(ServicesStoreKeys.DeleteTask(task.Id));
            Outbox.Add(new ServicesEffect.UnwatchHealth(task.Id));
        }
    }

    /// <summary>Queues <paramref name="count"/> new instances of the app's current definition.</summary>
    private void Enqueue(AppDefinition app, int count, DateTimeOffset now)
    {
        if (count > 0)
        {
            RuntimeOf(app.Id).QueuedSince ??= now;
        }

        for (var i = 0; i < count; i++)
        {
            var id = TaskIds.Create(app.Id.ToString(), NewUuid());
            AddTask(new ServiceTask(id, app.Id, app.Version ?? DateTimeOffset.UnixEpoch, AppPlanning.ConfigVersion(app)));
        }
    }

    private Guid NewUuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private void Later(DateTimeOffset? at) => NextCheckAt = Housekeeping.Earliest(NextCheckAt, at);

    private void Publish(object marathonEvent) => Outbox.Add(new ServicesEffect.Publish(marathonEvent));
}
