using Regatta.Protocol;
using Regatta.Resources;
using Regatta.Services.Deployments;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using Regatta.Services.Placement;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Core;

internal sealed partial class ServicesCore
{
    private readonly Dictionary<PathId, (AppDefinition App, TaskRequirements Requirements)> _requirements = [];

    /// <summary>SUBSCRIBED: remember the framework id and reconcile every launched task (explicitly, then implicitly).</summary>
    public void OnSubscribed(string frameworkId, DateTimeOffset now)
    {
        if (FrameworkId != frameworkId)
        {
            FrameworkId = frameworkId;
            Outbox.Mutations.Add(ServicesStoreKeys.PutFrameworkId(frameworkId));
        }

        Subscribed = true;
        _suppressed = false;
        _lastReviveAt = now;
        var launched = _tasks.Values.Where(t => t.IsLaunched).Select(t => (t.Id, t.AgentId)).ToList();
        if (launched.Count > 0)
        {
            Outbox.Add(new ServicesEffect.Reconcile(launched));
        }

        Outbox.Add(new ServicesEffect.Reconcile([]));

        // Health checking resumes for running tasks after a restart of this scheduler (their last health is stored).
        foreach (var task in _tasks.Values.Where(t => t.Condition == TaskCondition.Running))
        {
            if (_apps.TryGetValue(task.AppId, out var app) && app.HealthChecks.Count > 0)
            {
                Outbox.Add(new ServicesEffect.WatchHealth(task, app));
            }
        }

        Drive(now);
    }

    public void OnDisconnected() => Subscribed = false;

    /// <summary>OFFERS: queued instances (backoff over) are placed first-fit, app by app; the rest is declined.</summary>
    public void OnOffers(IReadOnlyList<V1.Offer> offers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offers);
        _lastOfferAt = now;
        var queue = _queued
            .Where(t => _apps.ContainsKey(t.AppId) && RuntimeOf(t.AppId).LaunchNotBefore <= now)
            .GroupBy(t => t.AppId)
            .OrderBy(g => g.Key)
            .Select(g => (App: _apps[g.Key], Tasks: g.OrderBy(t => t.Id, StringComparer.Ordinal).ToList()))
            .ToList();
        var launchedApps = new HashSet<PathId>();
        foreach (var offer in offers)
        {
            var agent = AgentView.From(offer.AgentId.Value, offer.Hostname, AttributeWire.FromProto(offer.Attributes));
            _agents[agent.AgentId] = agent;
            var launches = Place(offer, agent, queue, launchedApps, now);
            if (launches.Count > 0)
            {
                Outbox.Add(new ServicesEffect.Launch(offer.Id, launches, AnyQueued() ? 0 : _options.DeclineOfferDuration.TotalSeconds));
            }
            else
            {
                var refuse = AnyQueued() ? _options.WaitingDeclineDuration : _options.DeclineOfferDuration;
                Outbox.Add(new ServicesEffect.Decline([offer.Id], refuse.TotalSeconds));
            }
        }

        if (!AnyQueued() && !_suppressed)
        {
            _suppressed = true;
            Outbox.Add(new ServicesEffect.Suppress());
        }

        if (launchedApps.Count > 0)
        {
            Drive(now, launchedApps);
        }
    }

    /// <summary>A status update: the task's record follows it; the app is driven again (replacements, deployments).</summary>
    public void OnUpdate(V1.TaskStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.HasUuid && !status.Uuid.IsEmpty)
        {
            Outbox.Add(new ServicesEffect.Acknowledge(status));
        }

        var facts = TaskStatusFacts.From(status);
        var condition = facts.Condition;
        var stateName = ProtoEnumNames.Of(status.State);
        if (!_tasks.TryGetValue(status.TaskId.Value, out var task))
        {
            if (!condition.IsTerminal() && status.Reason != V1.TaskStatus.Types.Reason.Reconciliation)
            {
                // A task this scheduler does not know (e.g. from a lost record): Marathon kills it.
                Outbox.Add(new ServicesEffect.Kill(status.TaskId.Value, status.AgentId?.Value));
            }

            return;
        }

        var previous = task.Condition;
        task.MesosState = stateName;
        task.LastMessage = status.HasMessage ? status.Message : task.LastMessage;
        if (facts.IpAddresses.Count > 0)
        {
            task.IpAddresses = [.. facts.IpAddresses.Select(ip => ip.IpAddress)];
        }

        if (status.HasHealthy)
        {
            task.Healthy = status.Healthy;
        }

        if (previous == TaskCondition.Killing && !condition.IsTerminal())
        {
            // Still shutting down: stays Killing for the deployment logic.
        }
        else
        {
            task.Condition = condition;
        }

        if (condition == TaskCondition.Running && task.StartedAt is null)
        {
            task.StartedAt = now;
            if (_apps.TryGetValue(task.AppId, out var running) && running.HealthChecks.Count > 0)
            {
                Outbox.Add(new ServicesEffect.WatchHealth(task, running));
            }

            // Readiness matters for the new tasks of a deployment (Marathon checks it only then).
            if (running is { ReadinessChecks.Count: > 0 } && DeploymentsOf(task.AppId).Any())
            {
                Outbox.Add(new ServicesEffect.WatchReadiness(task, running));
            }
        }

        task.UnreachableSince = condition == TaskCondition.Unreachable ? task.UnreachableSince ?? now : null;
        Publish(ServicesEvents.StatusUpdate(task, stateName, task.LastMessage ?? "", now));
        if (condition != previous)
        {
            Publish(ServicesEvents.InstanceChanged(task, condition, now));
        }

        if (condition.IsTerminal())
        {
            Ended(task, condition, status, now);
        }
        else
        {
            Outbox.Mutations.Add(ServicesStoreKeys.PutTask(task));
        }

        Drive(now, [task.AppId]);
    }

    /// <summary>A scheduler-side health check changed a task's health (or asks for it to be killed).</summary>
    public void OnHealth(string taskId, bool? alive, string? killReason, DateTimeOffset now)
    {
        if (!_tasks.TryGetValue(taskId, out var task))
        {
            return;
        }

        if (alive is { } isAlive && task.Healthy != isAlive)
        {
            task.Healthy = isAlive;
            Outbox.Mutations.Add(ServicesStoreKeys.PutTask(task));
            Publish(ServicesEvents.HealthChanged(task, isAlive, now));
        }

        if (killReason is not null && task.Condition is TaskCondition.Running or TaskCondition.Staging or TaskCondition.Starting)
        {
            Publish(ServicesEvents.UnhealthyKill(task, killReason, now));
            KillTask(task, KillReason.Sentenced);
        }

        Drive(now, [task.AppId]);
    }

    /// <summary>A readiness check answered for a new task.</summary>
    public void OnReady(string taskId, bool ready, DateTimeOffset now)
    {
        if (_tasks.TryGetValue(taskId, out var task) && task.Ready != ready)
        {
            task.Ready = ready;
            Outbox.Mutations.Add(ServicesStoreKeys.PutTask(task));
            Drive(now, [task.AppId]);
        }
    }

    /// <summary>A scheduler-side check failed once (failed_health_check_event).</summary>
    public void OnFailedHealthCheck(string taskId, HealthCheck check, DateTimeOffset now)
    {
        if (_tasks.TryGetValue(taskId, out var task))
        {
            Publish(ServicesEvents.FailedHealthCheck(task, check, now));
        }
    }

    private void Ended(ServiceTask task, TaskCondition condition, V1.TaskStatus status, DateTimeOffset now)
    {
        var runtime = RuntimeOf(task.AppId);
        if (_apps.TryGetValue(task.AppId, out var app))
        {
            var configVersion = AppPlanning.ConfigVersion(app);
            if (task.ConfigVersion == configVersion)
            {
                var config = AppTimestamp.Format(configVersion);
                runtime.Backoff = (runtime.Backoff ?? LaunchBackoff.None(config)).For(config).OnTerminal(condition, now, AppPlanning.BackoffOf(app));
                runtime.LaunchNotBefore = runtime.Backoff.ReadyAt;
            }
        }

        if (condition is TaskCondition.Failed or TaskCondition.Error or TaskCondition.Gone or TaskCondition.Dropped)
        {
            runtime.LastTaskFailure = new TaskFailure(
                task.AppId.ToString(), task.Id, task.MesosState ?? "", status.HasMessage ? status.Message : "", task.Host ?? "", now, task.AppVersion, task.AgentId);
        }

        Forget(task);
    }

    private List<V1.TaskInfo> Place(V1.Offer offer, AgentView agent, List<(AppDefinition App, List<ServiceTask> Tasks)> queue, HashSet<PathId> launchedApps, DateTimeOffset now)
    {
        var launches = new List<V1.TaskInfo>();
        var remaining = ResourceWire.FromProto(offer.Resources);
        var role = offer.AllocationInfo?.Role;
        List<AgentView> known = [.. _agents.Values];
        foreach (var (app, tasks) in queue)
        {
            var requirements = RequirementsOf(app);
            var runtime = RuntimeOf(app.Id);
            while (tasks.Count > 0)
            {
                var context = new PlacementContext([.. PlacedAgents(app.Id)], known);
                var match = OfferMatcher.Match(requirements, new OfferView(offer.Id.Value, agent, remaining, role), context, _random);
                runtime.ProcessedOffers++;
                runtime.LastOffers.Add(match);
                if (runtime.LastOffers.Count > _options.RejectSummaryOffers)
                {
                    runtime.LastOffers.RemoveAt(0);
                }

                if (!match.IsMatch)
                {
                    runtime.UnusedOffers++;
                    runtime.LastUnusedOfferAt = now;
                    runtime.LaunchAttempt.Add(match);
                    break;
                }

                runtime.LastUsedOfferAt = now;

                var task = tasks[0];
                if (tasks.Count == 1)
                {
                    runtime.QueuedSince = null;
                }

                tasks.RemoveAt(0);
                runtime.LaunchAttempt.Clear();
                _queued.Remove(task);
                task.Agent = agent;
                task.HostPorts = match.HostPorts;
                task.Condition = TaskCondition.Staging;
                task.MesosState = "TASK_STAGING";
                task.StagedAt = now;
                launches.Add(_buildTask(app, match, task.Id));
                remaining -= match.Consumed;
                launchedApps.Add(app.Id);
                Outbox.Mutations.Add(ServicesStoreKeys.PutTask(task));
                Publish(ServicesEvents.InstanceChanged(task, TaskCondition.Staging, now));
            }
        }

        return launches;
    }

    private TaskRequirements RequirementsOf(AppDefinition app)
    {
        if (_requirements.TryGetValue(app.Id, out var cached) && ReferenceEquals(cached.App, app))
        {
            return cached.Requirements;
        }

        var requirements = LaunchRequirements.For(app);
        _requirements[app.Id] = (app, requirements);
        return requirements;
    }

    /// <summary>Where the app's tasks are that count for constraints: launched and not lost.</summary>
    private IEnumerable<AgentView> PlacedAgents(PathId appId) => TasksOf(appId)
        .Where(t => t.Agent is not null && t.Condition.CountsAsInstance())
        .Select(t => t.Agent!);

    private bool AnyQueued() => _queued.Count > 0;
}
