namespace Regatta.Agent.Containerizers;

/// <summary>A launched container: its id and the pid of its main process (0 for containers without one).</summary>
internal sealed record ContainerHandle(string ContainerId, int Pid)
{
    /// <summary>The main process's start time (/proc stat ticks), checkpointed so a restarted agent can tell it from a
    /// process that got the same pid later.</summary>
    public ulong? StartTime { get; init; }
}
