using Regatta.Agent.Containerizers;
using Regatta.Agent.Logging;
using Regatta.Agent.Paths;
using Regatta.Protocol.Agent;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;
using Source = Regatta.Protocol.V1.TaskStatus.Types.Source;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

internal sealed partial class AgentCore
{
    public IReadOnlyList<AgentEffect> ContainerStarted(TaskKey key, string containerId, int pid, DateTimeOffset now, ulong? pidStartTime = null)
    {
        if (!TryFindTask(key, containerId, out var task))
        {
            // The task was dropped while its container started (refused id): the container has no owner.
            Emit(new AgentEffect.Kill(key, containerId, TimeSpan.Zero));
            return TakeEffects();
        }

        task.Started = true;
        task.Pid = pid;
        task.PidStartTime = pidStartTime;
        Touch(task);
        Version++;
        if (task.KillRequested)
        {
            Emit(new AgentEffect.Kill(key, containerId, task.KillGrace));
        }
        else
        {
            Enqueue(task, V1.TaskState.TaskRunning, Source.Executor, null, null, now);
            if (task.Info.HealthCheck is { } check && task.Sandbox is not null)
            {
                Emit(new AgentEffect.StartHealthCheck(key, containerId, check, task.Sandbox, task.Environment ?? new Dictionary<string, string>(), task.User));
            }
        }

        return TakeEffects();
    }

    public IReadOnlyList<AgentEffect> ContainerLaunchFailed(TaskKey key, string containerId, string message, DateTimeOffset now)
    {
        if (TryFindTask(key, containerId, out var task))
        {
            task.Ended = true;
            _logger.TaskLaunchFailed(key.TaskId, key.FrameworkId, message);
            if (task.KillRequested)
            {
                Enqueue(task, V1.TaskState.TaskKilled, Source.Agent, Reason.TaskKilledDuringLaunch, "Task killed before its container started: " + message, now);
            }
            else
            {
                Enqueue(task, V1.TaskState.TaskFailed, Source.Agent, Reason.ContainerLaunchFailed, "Failed to launch container: " + message, now);
            }
        }

        return TakeEffects();
    }

    public IReadOnlyList<AgentEffect> ContainerExited(TaskKey key, string containerId, ContainerExit exit, DateTimeOffset now)
    {
        if (TryFindTask(key, containerId, out var task) && !task.Ended)
        {
            task.Ended = true;
            Touch(task);
            Version++;
            if (task.KillRequested && task.KilledUnhealthy)
            {
                Enqueue(task, V1.TaskState.TaskKilled, Source.Executor, Reason.TaskHealthCheckStatusUpdated, HealthKillMessage, now, healthy: false);
            }
            else if (task.KillRequested)
            {
                Enqueue(task, V1.TaskState.TaskKilled, Source.Executor, null, exit.Describe(), now);
            }
            else if (exit.Limitation is { } limitation)
            {
                Enqueue(task, V1.TaskState.TaskFailed, Source.Executor, limitation.Reason, limitation.Message, now);
            }
            else if (exit.Succeeded)
            {
                Enqueue(task, V1.TaskState.TaskFinished, Source.Executor, null, exit.Describe(), now);
            }
            else
            {
                var reason = exit.Error is not null ? Reason.CommandExecutorFailed : (Reason?)null;
                Enqueue(task, V1.TaskState.TaskFailed, Source.Executor, reason, exit.Describe(), now);
            }
        }

        return TakeEffects();
    }

    /// <summary>Kills every running task (agent shutdown), each with its own grace capped at <paramref name="graceCap"/>.</summary>
    public IReadOnlyList<AgentEffect> KillAll(TimeSpan graceCap, DateTimeOffset now)
    {
        foreach (var framework in _frameworks.Values)
        {
            foreach (var task in framework.Tasks.Values.ToList())
            {
                var grace = KillGraceFor(task, null);
                RequestKill(framework, task, grace < graceCap ? grace : graceCap, now);
            }
        }

        return TakeEffects();
    }

    private void OnRunTask(RunTask run, DateTimeOffset now)
    {
        var info = run.Task;
        var frameworkId = run.Framework?.Id?.Value;
        var taskId = info?.TaskId?.Value ?? "";
        if (info is null || string.IsNullOrEmpty(frameworkId))
        {
            _logger.IgnoredTaskMessage("RunTask", taskId, frameworkId ?? "", "no task or no framework id");
            return;
        }

        if (!IsRegistered || AgentId is null || (info.AgentId is { } target && target.Value != AgentId))
        {
            _logger.IgnoredTaskMessage("RunTask", taskId, frameworkId, $"meant for agent {info.AgentId?.Value}, this is {AgentId ?? "unregistered"}");
            return;
        }

        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            framework = new FrameworkRecord(run.Framework!);
            _frameworks.Add(frameworkId, framework);
        }
        else
        {
            framework.Info = run.Framework!;
            framework.ShuttingDown = false;
        }

        if (framework.Tasks.ContainsKey(taskId) || _updates.Contains(new TaskKey(frameworkId, taskId)))
        {
            _logger.IgnoredTaskMessage("RunTask", taskId, frameworkId, "a task with this id is already known");
            return;
        }

        Version++;
        var problem = Reject(info, frameworkId);
        if (problem is not null)
        {
            var rejected = new TaskRecord(frameworkId, info) { Ended = true };
            framework.Tasks.Add(taskId, rejected);
            _logger.TaskLaunchFailed(taskId, frameworkId, problem.Value.Message);
            Enqueue(rejected, V1.TaskState.TaskFailed, Source.Agent, problem.Value.Reason, problem.Value.Message, now);
            return;
        }

        var containerId = _ids.NewContainerId();
        var sandbox = _config.Paths.Sandbox(AgentId, frameworkId, taskId, containerId);
        var user = info.Command.HasUser && info.Command.User.Length > 0 ? info.Command.User : run.Framework!.User;
        IReadOnlyDictionary<string, string> environment;
        try
        {
            environment = TaskEnvironment.Build(_config, AgentId, framework.Info, info, containerId, sandbox);
        }
        catch (ContainerLaunchException e)
        {
            var invalid = new TaskRecord(frameworkId, info) { Ended = true };
            framework.Tasks.Add(taskId, invalid);
            Enqueue(invalid, V1.TaskState.TaskFailed, Source.Agent, Reason.ContainerLaunchFailed, "Failed to launch container: " + e.Message, now);
            return;
        }

        var task = new TaskRecord(frameworkId, info) { ContainerId = containerId, Sandbox = sandbox, User = user, Environment = environment };
        framework.Tasks.Add(taskId, task);
        _logger.LaunchingTask(taskId, frameworkId, containerId);
        Enqueue(task, V1.TaskState.TaskStarting, Source.Executor, null, null, now);
        Emit(new AgentEffect.Launch(task.Key, new ContainerLaunch(containerId, sandbox, info.Command, user, environment)
        {
            Resources = info.Resources,
            Task = info,
            ExitStatusFile = Path.Combine(MetaDir(task.Key), AgentPaths.ExitStatusName),
        }));
    }

    /// <summary>Why this agent cannot run the task at all, or null.</summary>
    private (Reason Reason, string Message)? Reject(V1.TaskInfo info, string frameworkId)
    {
        var idProblem = AgentPaths.CheckSegment(info.TaskId.Value, "task id") ?? AgentPaths.CheckSegment(frameworkId, "framework id");
        if (idProblem is not null)
        {
            return (Reason.TaskInvalid, idProblem);
        }

        if (info.Executor is not null)
        {
            return (Reason.ContainerLaunchFailed, "Custom executors are not supported by this agent; launch a command task (TaskInfo.command) instead");
        }

        if (info.Command is null)
        {
            return (Reason.TaskInvalid, "Task has no CommandInfo ('command'); command tasks need one");
        }

        if (Health.HealthCheckPolicy.Validate(info.HealthCheck) is { } healthProblem)
        {
            return (Reason.TaskInvalid, "Invalid health check: " + healthProblem);
        }

        if (info.Container is { } container)
        {
            if (container.Type == V1.ContainerInfo.Types.Type.Docker && !_config.DockerEnabled)
            {
                return (Reason.ContainerLaunchFailed, "Docker containerizer not enabled on this agent (--containerizers=mesos)");
            }

            if (container.Mesos?.Image is not null)
            {
                return (Reason.ContainerLaunchFailed, "Container images are not supported by the process containerizer");
            }
        }

        return null;
    }

    private void OnKillTask(KillTask kill, DateTimeOffset now)
    {
        var frameworkId = kill.FrameworkId.Value;
        var taskId = kill.TaskId.Value;
        if (!_frameworks.TryGetValue(frameworkId, out var framework) || !framework.Tasks.TryGetValue(taskId, out var task))
        {
            if (IsRegistered && !_updates.Contains(new TaskKey(frameworkId, taskId)))
            {
                // Protocol decision: answer with TASK_KILLED so the master can forget a task this agent never had.
                var status = NewStatus(taskId, V1.TaskState.TaskKilled, Source.Agent, Reason.TaskUnknown, "Task unknown to agent", now);
                EnqueueStatus(kill.FrameworkId, status, now);
            }

            return;
        }

        RequestKill(framework, task, KillGraceFor(task, kill.KillPolicy), now);
    }

    private void ShutdownFramework(string frameworkId, DateTimeOffset now)
    {
        if (!_frameworks.TryGetValue(frameworkId, out var framework))
        {
            return;
        }

        framework.ShuttingDown = true;
        Version++;
        _logger.ShuttingDownFramework(frameworkId, framework.Tasks.Count);
        foreach (var task in framework.Tasks.Values.ToList())
        {
            var grace = KillGraceFor(task, null);
            var cap = _config.ExecutorShutdownGracePeriod;
            RequestKill(framework, task, grace < cap ? grace : cap, now);
        }
    }

    private void RequestKill(FrameworkRecord framework, TaskRecord task, TimeSpan grace, DateTimeOffset now)
    {
        if (task.IsTerminal || task.Ended || task.KillRequested)
        {
            return;
        }

        task.KillRequested = true;
        task.KillGrace = grace;
        Touch(task);
        Version++;
        _logger.KillingTask(task.Info.TaskId.Value, task.FrameworkId, grace);
        if (framework.HasCapability(V1.FrameworkInfo.Types.Capability.Types.Type.TaskKillingState))
        {
            Enqueue(task, V1.TaskState.TaskKilling, Source.Executor, null, null, now, healthy: task.KilledUnhealthy ? false : null);
        }

        if (task.Started && task.ContainerId is not null)
        {
            Emit(new AgentEffect.Kill(task.Key, task.ContainerId, grace));
        }
    }

    private TimeSpan KillGraceFor(TaskRecord task, V1.KillPolicy? policy)
    {
        var chosen = policy?.GracePeriod ?? task.Info.KillPolicy?.GracePeriod;
        return chosen is not null ? TimeSpan.FromTicks(Math.Max(0, chosen.Nanoseconds / 100)) : _config.DefaultKillGracePeriod;
    }

    private bool TryFindTask(TaskKey key, string containerId, out TaskRecord task)
    {
        task = null!;
        return _frameworks.TryGetValue(key.FrameworkId, out var framework)
            && framework.Tasks.TryGetValue(key.TaskId, out task!)
            && task.ContainerId == containerId;
    }
}
