using Regatta.Agent.Containerizers;
using Regatta.Agent.Core;
using Regatta.Protocol.Agent;

namespace Regatta.Agent.Runtime;

/// <summary>Everything that can happen to the agent, delivered to its single loop.</summary>
internal abstract record AgentInput
{
    internal sealed record Connected(IMasterSession Session, ulong Epoch) : AgentInput;

    internal sealed record Disconnected(IMasterSession Session, string Reason) : AgentInput;

    internal sealed record FrameReceived(IMasterSession Session, MasterFrame Frame) : AgentInput;

    internal sealed record ContainerStarted(TaskKey Task, ContainerHandle Handle) : AgentInput;

    internal sealed record ContainerLaunchFailed(TaskKey Task, string ContainerId, string Message) : AgentInput;

    internal sealed record ContainerExited(TaskKey Task, string ContainerId, ContainerExit Exit) : AgentInput;

    internal sealed record RetryTimerFired : AgentInput;

    /// <summary>A health check result worth acting on: a change of health (<paramref name="Healthy"/>) and/or a kill.</summary>
    internal sealed record TaskHealthChanged(TaskKey Task, string ContainerId, bool? Healthy, bool Kill) : AgentInput;

    internal sealed record KillAll(TimeSpan GraceCap, TaskCompletionSource<int> Done) : AgentInput;
}
