namespace Regatta.Services.Launching;

/// <summary>
/// One <c>healthCheckResults[]</c> entry of a task: the state of one health check for it. <see cref="InstanceId"/>
/// is Marathon's instance id (for classic <c>app.uuid</c> task ids, the task id itself).
/// </summary>
internal sealed record TaskHealthView(
    bool Alive,
    int ConsecutiveFailures,
    string InstanceId,
    DateTimeOffset? FirstSuccess = null,
    DateTimeOffset? LastSuccess = null,
    DateTimeOffset? LastFailure = null,
    string? LastFailureCause = null);
