using Regatta.Protocol;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

/// <summary>The agent's mutable view of one task it was asked to run, from RunTask until its terminal update is acknowledged.</summary>
internal sealed class TaskRecord(string frameworkId, V1.TaskInfo info)
{
    public string FrameworkId { get; } = frameworkId;

    public V1.TaskInfo Info { get; } = info;

    public TaskKey Key => new(FrameworkId, Info.TaskId.Value);

    /// <summary>Command tasks run under the built-in command executor whose id is the task id.</summary>
    public string ExecutorId => Info.TaskId.Value;

    /// <summary>Null when the task was rejected before any container was made.</summary>
    public string? ContainerId { get; init; }

    public string? Sandbox { get; init; }

    public string? User { get; init; }

    /// <summary>The environment the task's command runs with (health check commands get it too).</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The kill was decided by the task's failing health check.</summary>
    public bool KilledUnhealthy { get; set; }

    /// <summary>The newest state the agent generated for the task.</summary>
    public V1.TaskState State { get; set; } = V1.TaskState.TaskStaging;

    public List<V1.TaskStatus> Statuses { get; } = [];

    /// <summary>The container is running (its process started).</summary>
    public bool Started { get; set; }

    public int? Pid { get; set; }

    /// <summary>The start time of <see cref="Pid"/> (/proc ticks), checkpointed to recognise the process after a restart.</summary>
    public ulong? PidStartTime { get; set; }

    /// <summary>The task runs in a Docker container (ContainerInfo type DOCKER).</summary>
    public bool IsDocker => Info.Container?.Type == V1.ContainerInfo.Types.Type.Docker;

    /// <summary>The container ended (or never came to be).</summary>
    public bool Ended { get; set; }

    public bool KillRequested { get; set; }

    public TimeSpan KillGrace { get; set; }

    public bool IsTerminal => TaskStates.IsTerminal(State);
}
