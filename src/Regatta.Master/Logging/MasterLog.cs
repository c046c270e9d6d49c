using Microsoft.Extensions.Logging;

namespace Regatta.Master;

/// <summary>The master's log messages; event ids 1000–1099 (frameworks, tasks), 1100–1199 (agents), 1200–1299 (host, registry).</summary>
internal static partial class MasterLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Framework {FrameworkId} ({Name}) subscribed with roles {Roles}")]
    public static partial void FrameworkSubscribed(this ILogger logger, string frameworkId, string name, string roles);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Framework {FrameworkId} ({Name}) re-subscribed")]
    public static partial void FrameworkResubscribed(this ILogger logger, string frameworkId, string name);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Framework {FrameworkId} disconnected; failover timeout {FailoverSeconds} s")]
    public static partial void FrameworkDisconnected(this ILogger logger, string frameworkId, double failoverSeconds);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Framework {FrameworkId} did not re-subscribe within its failover timeout; removing it")]
    public static partial void FrameworkFailoverExpired(this ILogger logger, string frameworkId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Framework {FrameworkId} torn down")]
    public static partial void FrameworkTornDown(this ILogger logger, string frameworkId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Framework {FrameworkId} recovered from an agent's report")]
    public static partial void FrameworkRecoveredFromAgent(this ILogger logger, string frameworkId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "ACCEPT from framework {FrameworkId} rejected: {Problem}")]
    public static partial void AcceptRejected(this ILogger logger, string frameworkId, string problem);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Framework {FrameworkId} used unsupported offer operation {Operation}; ignored")]
    public static partial void OperationUnsupported(this ILogger logger, string frameworkId, string operation);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Information, Message = "Task {TaskId} of framework {FrameworkId} is invalid: {Problem}")]
    public static partial void TaskRejected(this ILogger logger, string frameworkId, string taskId, string problem);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Debug, Message = "Launching task {TaskId} of framework {FrameworkId} on agent {AgentId}")]
    public static partial void TaskLaunched(this ILogger logger, string frameworkId, string taskId, string agentId);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Status update for task {TaskId} of framework {FrameworkId} dropped: {Why}")]
    public static partial void StatusUpdateDropped(this ILogger logger, string frameworkId, string taskId, string why);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Acknowledgement for task {TaskId} of framework {FrameworkId} dropped: agent {AgentId} is not connected")]
    public static partial void AcknowledgementDropped(this ILogger logger, string frameworkId, string taskId, string agentId);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "Kill of task {TaskId} of framework {FrameworkId} ignored: {Why}")]
    public static partial void KillIgnored(this ILogger logger, string frameworkId, string taskId, string why);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Warning, Message = "Agent {AgentId} reports task {TaskId} of framework {FrameworkId} that runs on agent {KnownAgentId}; killing the duplicate")]
    public static partial void TaskConflict(this ILogger logger, string frameworkId, string taskId, string agentId, string knownAgentId);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Agent {AgentId} at {Hostname} registered with {Resources}")]
    public static partial void AgentRegistered(this ILogger logger, string agentId, string hostname, string resources);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Agent {AgentId} at {Hostname} re-registered with {TaskCount} tasks")]
    public static partial void AgentReregistered(this ILogger logger, string agentId, string hostname, int taskCount);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Agent {AgentId} disconnected; marked unreachable unless it returns within {GraceSeconds} s")]
    public static partial void AgentDisconnected(this ILogger logger, string agentId, double graceSeconds);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Agent registration refused: {Reason}")]
    public static partial void AgentRefused(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Agent {AgentId} did not answer {Pings} consecutive pings")]
    public static partial void AgentPingTimeout(this ILogger logger, string agentId, int pings);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Agent {AgentId} marked unreachable: {Why}")]
    public static partial void AgentUnreachable(this ILogger logger, string agentId, string why);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Agent connection {ConnectionId} from {Remote} closed: {Reason}")]
    public static partial void AgentConnectionRejected(this ILogger logger, long connectionId, string? remote, string reason);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Master {MasterId} listening on {Endpoint} (registry: {Registry})")]
    public static partial void MasterStarted(this ILogger logger, string masterId, string endpoint, string registry);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Registry: {Problem}")]
    public static partial void RegistryProblem(this ILogger logger, string problem);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Recovered {Frameworks} frameworks, {Agents} agents, {Tasks} tasks and {Unreachable} unreachable agents from the registry")]
    public static partial void RegistryRecovered(this ILogger logger, int frameworks, int agents, int tasks, int unreachable);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Critical, Message = "Registry write failed; the master stops serving")]
    public static partial void RegistryWriteFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Error, Message = "Master command failed")]
    public static partial void CommandFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error, Message = "Performing effect {Effect} failed")]
    public static partial void EffectFailed(this ILogger logger, string effect, Exception exception);
}
