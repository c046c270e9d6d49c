using System.Collections.Concurrent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Containerizers;

/// <summary>
/// Mesos's composing containerizer for <c>--containerizers docker,mesos</c>: tasks whose ContainerInfo.type is DOCKER go
/// to the docker containerizer, every other task to the mesos (process) one; wait and kill follow the launch.
/// </summary>
internal sealed class ComposingContainerizer(IContainerizer mesos, IContainerizer? docker) : IContainerizer, IRecoveringContainerizer, Isolation.IContainerStatistics
{
    private readonly ConcurrentDictionary<string, IContainerizer> _owners = new(StringComparer.Ordinal);

    public async Task<ContainerHandle> LaunchAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var target = launch.Task?.Container?.Type == V1.ContainerInfo.Types.Type.Docker
            ? docker ?? throw new ContainerLaunchException("Docker containerizer not enabled on this agent (--containerizers=mesos)")
            : mesos;
        _owners[launch.ContainerId] = target;
        try
        {
            return await target.LaunchAsync(launch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _owners.TryRemove(launch.ContainerId, out _);
            throw;
        }
    }

    public async Task<ContainerExit> WaitAsync(ContainerHandle handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var owner = _owners.TryGetValue(handle.ContainerId, out var found) ? found : mesos;
        var exit = await owner.WaitAsync(handle, cancellationToken).ConfigureAwait(false);
        _owners.TryRemove(handle.ContainerId, out _);
        return exit;
    }

    /// <summary>Usage comes from whichever containerizer runs the container, when it can report it.</summary>
    public long ContainerDestroyErrors => (mesos as Isolation.IContainerStatistics)?.ContainerDestroyErrors ?? 0;

    public Isolation.ContainerStatistics? Usage(string containerId)
    {
        var owner = _owners.TryGetValue(containerId, out var found) ? found : mesos;
        return (owner as Isolation.IContainerStatistics)?.Usage(containerId);
    }

    public Task KillAsync(ContainerHandle handle, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return _owners.TryGetValue(handle.ContainerId, out var owner)
            ? owner.KillAsync(handle, gracePeriod, cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>
    /// Agent recovery: process containers go back to the mesos containerizer, DOCKER ones to the docker containerizer
    /// (which also removes the other <c>mesos-*</c> containers of this work directory); wait and kill of the returned
    /// handles then reach their owner.
    /// </summary>
    public async Task<IReadOnlyList<ContainerHandle>> RecoverAsync(IReadOnlyList<RecoveredContainer> containers, string workDir, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(containers);
        var handles = new List<ContainerHandle>();
        if (mesos is IRecoveringContainerizer processes)
        {
            foreach (var handle in await processes.RecoverAsync(containers, workDir, cancellationToken).ConfigureAwait(false))
            {
                _owners[handle.ContainerId] = mesos;
                handles.Add(handle);
            }
        }

        if (docker is IRecoveringContainerizer dockerContainerizer)
        {
            foreach (var handle in await dockerContainerizer.RecoverAsync(containers, workDir, cancellationToken).ConfigureAwait(false))
            {
                _owners[handle.ContainerId] = docker;
                handles.Add(handle);
            }
        }

        return handles;
    }
}
