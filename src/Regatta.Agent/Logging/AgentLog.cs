using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Logging;

/// <summary>Agent log messages; event ids are stable (3000-3099 lifecycle and master link, 3100-3199 tasks,
/// 3200-3299 containers).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(3000, LogLevel.Information, "Agent listening on {Endpoint} (work_dir {WorkDir}), resources {Resources}")]
    public static partial void AgentStarted(this ILogger logger, string endpoint, string workDir, string resources);

    [LoggerMessage(3001, LogLevel.Information, "Recovered agent id {AgentId} from {Pointer}")]
    public static partial void AgentIdRecovered(this ILogger logger, string agentId, string pointer);

    [LoggerMessage(3002, LogLevel.Information, "Connecting to master {Master} (attempt {Attempt}, epoch {Epoch})")]
    public static partial void Connecting(this ILogger logger, string master, int attempt, ulong epoch);

    [LoggerMessage(3003, LogLevel.Warning, "Connection to master {Master} failed: {Reason}; retrying in {Delay}")]
    public static partial void ConnectFailed(this ILogger logger, string master, string reason, TimeSpan delay);

    [LoggerMessage(3004, LogLevel.Information, "Registered with master {MasterId} as agent {AgentId} (ping interval {PingInterval}s)")]
    public static partial void Registered(this ILogger logger, string masterId, string agentId, double pingInterval);

    [LoggerMessage(3005, LogLevel.Warning, "Master refused agent id {AgentId}: {Message}; registering as a new agent")]
    public static partial void Refused(this ILogger logger, string? agentId, string message);

    [LoggerMessage(3006, LogLevel.Warning, "Lost the master connection: {Reason}")]
    public static partial void Disconnected(this ILogger logger, string reason);

    [LoggerMessage(3007, LogLevel.Warning, "No message from the master for {Silence}; treating it as lost")]
    public static partial void MasterSilent(this ILogger logger, TimeSpan silence);

    [LoggerMessage(3008, LogLevel.Warning, "Closing the master connection: {Reason}")]
    public static partial void ProtocolViolation(this ILogger logger, string reason);

    [LoggerMessage(3009, LogLevel.Information, "Agent stopping; killing {Count} running task(s)")]
    public static partial void Stopping(this ILogger logger, int count);

    [LoggerMessage(3010, LogLevel.Error, "Agent loop failed while handling {Input}")]
    public static partial void LoopFailed(this ILogger logger, Exception exception, string input);

    [LoggerMessage(3011, LogLevel.Error, "Failed to checkpoint agent id {AgentId}")]
    public static partial void CheckpointFailed(this ILogger logger, Exception exception, string agentId);

    [LoggerMessage(3100, LogLevel.Information, "Launching task {TaskId} of framework {FrameworkId} in container {ContainerId}")]
    public static partial void LaunchingTask(this ILogger logger, string taskId, string frameworkId, string containerId);

    [LoggerMessage(3101, LogLevel.Warning, "Task {TaskId} of framework {FrameworkId} failed to launch: {Message}")]
    public static partial void TaskLaunchFailed(this ILogger logger, string taskId, string frameworkId, string message);

    [LoggerMessage(3102, LogLevel.Information, "Task {TaskId} of framework {FrameworkId} is now {State}: {Message}")]
    public static partial void TaskStateChanged(this ILogger logger, string taskId, string frameworkId, string state, string? message);

    [LoggerMessage(3103, LogLevel.Information, "Killing task {TaskId} of framework {FrameworkId} (grace {Grace})")]
    public static partial void KillingTask(this ILogger logger, string taskId, string frameworkId, TimeSpan grace);

    [LoggerMessage(3104, LogLevel.Warning, "Ignoring {What} for task {TaskId} of framework {FrameworkId}: {Reason}")]
    public static partial void IgnoredTaskMessage(this ILogger logger, string what, string taskId, string frameworkId, string reason);

    [LoggerMessage(3105, LogLevel.Debug, "Ignoring acknowledgement {Uuid} for task {TaskId}: not the update in flight")]
    public static partial void StaleAck(this ILogger logger, string uuid, string taskId);

    [LoggerMessage(3106, LogLevel.Information, "Shutting down framework {FrameworkId} ({Count} task(s))")]
    public static partial void ShuttingDownFramework(this ILogger logger, string frameworkId, int count);

    [LoggerMessage(3200, LogLevel.Debug, "Container {ContainerId} started as pid {Pid} in {Sandbox}")]
    public static partial void ContainerLaunched(this ILogger logger, string containerId, int pid, string sandbox);

    [LoggerMessage(3201, LogLevel.Debug, "Container {ContainerId} (pid {Pid}) ended: {Outcome}")]
    public static partial void ContainerExited(this ILogger logger, string containerId, int pid, string outcome);

    [LoggerMessage(3202, LogLevel.Debug, "Sending SIGTERM to container {ContainerId} (pid {Pid} and {Members} other process(es)), grace {Grace}")]
    public static partial void ContainerKilling(this ILogger logger, string containerId, int pid, int members, TimeSpan grace);

    [LoggerMessage(3203, LogLevel.Information, "Container {ContainerId} (pid {Pid}) outlived its grace period; sending SIGKILL")]
    public static partial void ContainerEscalating(this ILogger logger, string containerId, int pid);

    [LoggerMessage(3204, LogLevel.Warning, "Task asks for user '{User}' but the agent runs as '{Self}' without root; running as '{Self}'")]
    public static partial void RunningAsSelf(this ILogger logger, string user, string self);

    [LoggerMessage(3205, LogLevel.Warning, "Killing container {ContainerId} failed")]
    public static partial void KillFailed(this ILogger logger, Exception exception, string containerId);

    [LoggerMessage(3206, LogLevel.Information, "Recovered container {ContainerId} (pid {Pid}, still running: {Alive})")]
    public static partial void ContainerRecovered(this ILogger logger, string containerId, int pid, bool alive);

    [LoggerMessage(3012, LogLevel.Information, "Recovering {Tasks} task(s) of agent {AgentId} from its checkpoints")]
    public static partial void RecoveringTasks(this ILogger logger, int tasks, string agentId);

    [LoggerMessage(3013, LogLevel.Warning, "Ignoring unreadable checkpoint {Path}: {Reason}")]
    public static partial void BadCheckpoint(this ILogger logger, string path, string reason);

    [LoggerMessage(3014, LogLevel.Warning, "Could not checkpoint task {TaskId}")]
    public static partial void TaskCheckpointFailed(this ILogger logger, Exception exception, string taskId);

    [LoggerMessage(3015, LogLevel.Information, "Agent stopping; {Count} task(s) keep running for the next agent to recover (--recover=reconnect)")]
    public static partial void LeavingTasksRunning(this ILogger logger, int count);

    [LoggerMessage(3016, LogLevel.Information, "Killing {Count} task(s) left by an earlier agent identity ({Reason})")]
    public static partial void KillingStaleTasks(this ILogger logger, int count, string reason);
}
