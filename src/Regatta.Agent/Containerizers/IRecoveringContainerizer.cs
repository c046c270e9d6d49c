using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Containerizers;

/// <summary>A container a previous run of the agent started, as the task's checkpoint describes it.</summary>
internal sealed record RecoveredContainer(
    string ContainerId, bool Docker, int Pid, ulong? StartTime, string? ExitStatusFile, IReadOnlyList<V1.Resource> Resources);

/// <summary>
/// A containerizer that can take over the containers of a previous agent run (agent recovery): for each container it
/// returns a handle whose <see cref="IContainerizer.WaitAsync"/> reports the container's end — also an end that happened
/// while no agent ran. Containers it cannot find get no handle. Containers it finds that belong to this work
/// directory but to no recovered task are removed.
/// </summary>
internal interface IRecoveringContainerizer
{
    Task<IReadOnlyList<ContainerHandle>> RecoverAsync(IReadOnlyList<RecoveredContainer> containers, string workDir, CancellationToken cancellationToken);
}
