using Regatta.Agent.Containerizers;
using Regatta.Agent.Paths;
using Regatta.Protocol;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

/// <summary>
/// Checkpointing and recovery (Mesos's <c>--recover=reconnect</c>): every change to a task or to its update stream
/// marks the task dirty; each batch of effects then starts with one <see cref="AgentEffect.Checkpoint"/> per dirty task
/// (before any message that reports the change leaves), and a task whose terminal update was acknowledged has its
/// checkpoint deleted. <see cref="Recover"/> rebuilds the tasks and streams from the checkpoints of a previous run.
/// </summary>
internal sealed partial class AgentCore
{
    private readonly Dictionary<TaskKey, string> _dirty = [];

    /// <summary>
    /// Restores the tasks a previous run of this agent checkpointed: their records, their statuses and their
    /// unacknowledged updates (resent once registered). Returns a <see cref="AgentEffect.Reattach"/> for each container
    /// that had not ended; once the containerizer has taken them over, <see cref="Reattached"/> resumes kills and
    /// health checks. Tasks whose end was already acknowledged are dropped with their checkpoint.
    /// </summary>
    public IReadOnlyList<AgentEffect> Recover(IReadOnlyList<TaskCheckpoint> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        foreach (var checkpoint in checkpoints)
        {
            var frameworkId = checkpoint.Framework?.Id?.Value;
            var taskId = checkpoint.Task?.TaskId?.Value;
            if (string.IsNullOrEmpty(frameworkId) || string.IsNullOrEmpty(taskId) || AgentId is null)
            {
                continue;
            }

            if (!_frameworks.TryGetValue(frameworkId, out var framework))
            {
                framework = new FrameworkRecord(checkpoint.Framework!);
                _frameworks.Add(frameworkId, framework);
            }

            var task = Restore(frameworkId, checkpoint);
            _updates.Restore(checkpoint.Framework!.Id, taskId, checkpoint.Pending);
            if (task.IsTerminal && !_updates.Contains(task.Key))
            {
                // Its end was acknowledged but the checkpoint outlived it: finish the clean-up.
                framework.Complete(task);
                Touch(task);
                continue;
            }

            framework.Tasks[taskId] = task;
            if (task.ContainerId is not null && !task.Ended)
            {
                var exitStatusFile = task.IsDocker ? null : Path.Combine(MetaDir(task.Key), AgentPaths.ExitStatusName);
                Emit(new AgentEffect.Reattach(
                    task.Key,
                    new RecoveredContainer(task.ContainerId, task.IsDocker, task.Pid ?? 0, task.PidStartTime, exitStatusFile, [.. task.Info.Resources])));

                // Launching or running, the container is the containerizer's now: kills go to it.
                task.Started = true;
            }
        }

        Version++;
        return TakeEffects();
    }

    /// <summary>The recovered containers are attached again: kills decided before the restart go out, RUNNING tasks
    /// get their health checks back.</summary>
    public IReadOnlyList<AgentEffect> Reattached()
    {
        foreach (var task in _frameworks.Values.SelectMany(f => f.Tasks.Values))
        {
            if (task.ContainerId is null || task.Ended)
            {
                continue;
            }

            if (task.KillRequested)
            {
                Emit(new AgentEffect.Kill(task.Key, task.ContainerId, task.KillGrace));
            }
            else if (task.State == V1.TaskState.TaskRunning && task.Info.HealthCheck is { } check && task.Sandbox is not null)
            {
                Emit(new AgentEffect.StartHealthCheck(
                    task.Key, task.ContainerId, check, task.Sandbox, task.Environment ?? new Dictionary<string, string>(), task.User));
            }
        }

        return TakeEffects();
    }

    /// <summary>The task's checkpoint is rewritten (or, once the task is gone, deleted) before the batch's other effects.</summary>
    private void Touch(TaskRecord task)
    {
        // A task refused for an id that cannot name a directory has nothing to recover.
        if (AgentId is not null && AgentPaths.CheckSegment(task.FrameworkId, "framework id") is null
            && AgentPaths.CheckSegment(task.Info.TaskId.Value, "task id") is null)
        {
            _dirty[task.Key] = MetaDir(task.Key);
        }
    }

    private string MetaDir(TaskKey key) => _config.Paths.MetaExecutorDir(AgentId!, key.FrameworkId, key.TaskId);

    private void FlushCheckpoints(List<AgentEffect> effects)
    {
        if (_dirty.Count == 0)
        {
            return;
        }

        var checkpoints = new List<AgentEffect>(_dirty.Count);
        foreach (var (key, dir) in _dirty)
        {
            var live = _frameworks.TryGetValue(key.FrameworkId, out var framework) && framework.Tasks.TryGetValue(key.TaskId, out var task)
                ? ToCheckpoint(framework, task)
                : null;
            checkpoints.Add(new AgentEffect.Checkpoint(key, dir, live));
        }

        _dirty.Clear();
        effects.InsertRange(0, checkpoints);
    }

    private TaskCheckpoint ToCheckpoint(FrameworkRecord framework, TaskRecord task)
    {
        var checkpoint = new TaskCheckpoint
        {
            Framework = framework.Info,
            Task = task.Info,
            Containerizer = task.IsDocker ? "docker" : "mesos",
            Started = task.Started,
            Ended = task.Ended,
            KillRequested = task.KillRequested,
            KilledUnhealthy = task.KilledUnhealthy,
            KillGraceNanos = task.KillGrace.Ticks * 100,
        };
        if (task.ContainerId is not null)
        {
            checkpoint.ContainerId = task.ContainerId;
        }

        if (task.Sandbox is not null)
        {
            checkpoint.Sandbox = task.Sandbox;
        }

        if (task.User is not null)
        {
            checkpoint.User = task.User;
        }

        if (task.Pid is { } pid)
        {
            checkpoint.Pid = pid;
        }

        if (task.PidStartTime is { } start)
        {
            checkpoint.PidStartTime = start;
        }

        if (task.Environment is not null)
        {
            foreach (var (name, value) in task.Environment)
            {
                checkpoint.Environment[name] = value;
            }
        }

        checkpoint.Statuses.AddRange(task.Statuses);
        if (_updates.Stream(task.Key) is { } stream)
        {
            checkpoint.Pending.AddRange(stream.Pending);
        }

        return checkpoint;
    }

    private static TaskRecord Restore(string frameworkId, TaskCheckpoint checkpoint)
    {
        var task = new TaskRecord(frameworkId, checkpoint.Task)
        {
            ContainerId = checkpoint.HasContainerId ? checkpoint.ContainerId : null,
            Sandbox = checkpoint.HasSandbox ? checkpoint.Sandbox : null,
            User = checkpoint.HasUser ? checkpoint.User : null,
            Environment = checkpoint.Environment.Count > 0 ? new Dictionary<string, string>(checkpoint.Environment, StringComparer.Ordinal) : null,
            Started = checkpoint.Started,
            Ended = checkpoint.Ended,
            KillRequested = checkpoint.KillRequested,
            KilledUnhealthy = checkpoint.KilledUnhealthy,
            KillGrace = TimeSpan.FromTicks(checkpoint.KillGraceNanos / 100),
            Pid = checkpoint.HasPid ? checkpoint.Pid : null,
            PidStartTime = checkpoint.HasPidStartTime ? checkpoint.PidStartTime : null,
        };
        task.Statuses.AddRange(checkpoint.Statuses);
        if (checkpoint.Statuses.Count > 0)
        {
            task.State = checkpoint.Statuses[^1].State;
        }

        return task;
    }
}
