using Microsoft.Extensions.Logging;

namespace Regatta.Master.Http;

/// <summary>Log messages of the operator and legacy HTTP endpoints; event ids 1300–1399.</summary>
internal static partial class OperatorLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Debug, Message = "Operator call {CallType}")]
    public static partial void OperatorCall(this ILogger logger, string callType);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Operator call {CallType} rejected with {Status}: {Problem}")]
    public static partial void OperatorCallRejected(this ILogger logger, string callType, int status, string problem);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Operator event subscriber {Remote} connected ({Format})")]
    public static partial void SubscriberConnected(this ILogger logger, string remote, string format);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Operator event subscriber {Remote} disconnected")]
    public static partial void SubscriberDisconnected(this ILogger logger, string remote);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning, Message = "Operator event subscriber {Remote} closed by the master: {Reason}")]
    public static partial void SubscriberClosed(this ILogger logger, string remote, string reason);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Teardown of framework {FrameworkId} requested over HTTP")]
    public static partial void TeardownRequested(this ILogger logger, string frameworkId);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Weights update requested over HTTP: {Weights}")]
    public static partial void WeightsUpdateRequested(this ILogger logger, string weights);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "Agent {AgentId} {Action} requested over HTTP")]
    public static partial void AgentActivationRequested(this ILogger logger, string agentId, string action);

    [LoggerMessage(EventId = 1320, Level = LogLevel.Warning, Message = "{Path}: the master could not answer ({Problem})")]
    public static partial void MasterUnavailable(this ILogger logger, string path, string problem);
}
