using Regatta.Agent.Containerizers;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

/// <summary>What the agent core asks its host to do; the host performs effects in order.</summary>
internal abstract record AgentEffect
{
    /// <summary>Queue a message for the master on the current connection (dropped when there is none).</summary>
    internal sealed record Send(AgentMessage Message) : AgentEffect;

    /// <summary>Create the sandbox (and <c>runs/latest</c>) and start the container; report back started / failed / exited.</summary>
    internal sealed record Launch(TaskKey Task, ContainerLaunch Container) : AgentEffect;

    /// <summary>Kill the task's container: SIGTERM, wait <paramref name="Grace"/>, SIGKILL.</summary>
    internal sealed record Kill(TaskKey Task, string ContainerId, TimeSpan Grace) : AgentEffect;

    /// <summary>Start health checking a task that is now RUNNING (stopped by the runtime on kill or exit).</summary>
    internal sealed record StartHealthCheck(TaskKey Task, string ContainerId, V1.HealthCheck Check, string Sandbox, IReadOnlyDictionary<string, string> Environment, string? User) : AgentEffect;

    /// <summary>Write the task's checkpoint into <paramref name="Dir"/>, or delete the directory when
    /// <paramref name="State"/> is null (the task is gone).</summary>
    internal sealed record Checkpoint(TaskKey Task, string Dir, Protocol.Agent.TaskCheckpoint? State) : AgentEffect;

    /// <summary>Agent recovery: hand a container of the previous run back to the containerizer and wait for its end.</summary>
    internal sealed record Reattach(TaskKey Task, RecoveredContainer Container) : AgentEffect;

    /// <summary>Checkpoint the agent's identity (meta/slaves/latest and slave.info).</summary>
    internal sealed record SaveAgentInfo(V1.AgentInfo Info) : AgentEffect;

    /// <summary>Delete meta/slaves/latest: the id was refused.</summary>
    internal sealed record ForgetAgentId : AgentEffect;

    /// <summary>Drop the current master connection and connect again at once.</summary>
    internal sealed record Reconnect(string Reason) : AgentEffect;

    /// <summary>The master admitted the agent (first registration completes <c>AgentHost.Registered</c>).</summary>
    internal sealed record AnnounceRegistered(string AgentId) : AgentEffect;
}
