namespace Regatta.Services.Deployments;

/// <summary>
/// Where a task (Marathon: instance) stands, as the scheduler tracks it. <see cref="Scheduled"/> is a queued
/// instance that has not been sent to an agent yet; the launcher creates one for every requested launch.
/// </summary>
internal enum TaskCondition
{
    Scheduled,
    Staging,
    Starting,
    Running,
    Killing,
    Unreachable,
    UnreachableInactive,
    Killed,
    Failed,
    Finished,
    Error,
    Gone,
    Dropped,
    Unknown,
}
