using Regatta.Agent.Containerizers;
using Regatta.Agent.Logging;
using Regatta.Agent.Paths;
using Regatta.Protocol.Agent;

namespace Regatta.Agent.Runtime;

internal sealed partial class AgentRuntime
{
    /// <summary>
    /// Agent recovery, before the loop starts and before the first registration: the tasks checkpointed under the
    /// current agent id come back with their update streams, their containers are handed back to the containerizer
    /// (their ends, also those that happened while no agent ran, arrive as ordinary exits), and the containers of
    /// identities given up earlier (<c>rm meta/slaves/latest</c>, <c>--recover=cleanup</c>, a refused id) are killed.
    /// </summary>
    public async Task RecoverAsync(TaskCheckpointStore store, AgentPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(paths);
        var agentId = _core.AgentId;
        var checkpoints = agentId is null ? [] : store.Load(agentId, (path, why) => _logger.BadCheckpoint(path, why));
        if (agentId is not null && checkpoints.Count > 0)
        {
            _logger.RecoveringTasks(checkpoints.Count, agentId);
        }

        _reattach.Clear();
        Execute(_core.Recover(checkpoints));
        var reattach = _reattach.ToList();
        _reattach.Clear();

        var staleIds = store.OtherAgentIds(agentId);
        var stale = staleIds.SelectMany(id => store.Load(id, (path, why) => _logger.BadCheckpoint(path, why))
            .Where(c => c.HasContainerId && !c.Ended)
            .Select(c => StaleContainer(paths, id, c))).ToList();
        if (stale.Count > 0)
        {
            _logger.KillingStaleTasks(stale.Count, "their agent id is no longer this agent's");
        }

        IReadOnlyList<ContainerHandle> handles = [];
        if (_containerizer is IRecoveringContainerizer recovering)
        {
            handles = await recovering.RecoverAsync([.. reattach.Select(r => r.Container), .. stale], paths.WorkDir, cancellationToken)
                .ConfigureAwait(false);
        }

        var byId = handles.ToDictionary(h => h.ContainerId, StringComparer.Ordinal);
        foreach (var container in stale)
        {
            if (byId.TryGetValue(container.ContainerId, out var handle))
            {
                Track(container.ContainerId, KillStaleAsync(handle));
            }
        }

        foreach (var (task, container) in reattach.Select(r => (r.Task, r.Container)))
        {
            if (byId.TryGetValue(container.ContainerId, out var handle))
            {
                _handles[container.ContainerId] = handle;
                Track(container.ContainerId, Task.Run(() => WaitForExitAsync(task, handle), CancellationToken.None));
            }
            else
            {
                Post(new AgentInput.ContainerExited(
                    task, container.ContainerId, ContainerExit.Failed("the container was not found when the agent restarted")));
            }
        }

        Execute(_core.Reattached());
        foreach (var id in staleIds)
        {
            try
            {
                store.Forget(id);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.BadCheckpoint(paths.MetaFrameworksDir(id), e.Message);
            }
        }

        _snapshot = _core.Snapshot();
    }

    private static RecoveredContainer StaleContainer(AgentPaths paths, string agentId, TaskCheckpoint checkpoint)
    {
        var docker = checkpoint.Containerizer == "docker";
        var exitStatusFile = docker
            ? null
            : Path.Combine(paths.MetaExecutorDir(agentId, checkpoint.Framework.Id.Value, checkpoint.Task.TaskId.Value), AgentPaths.ExitStatusName);
        return new RecoveredContainer(
            checkpoint.ContainerId,
            docker,
            checkpoint.HasPid ? checkpoint.Pid : 0,
            checkpoint.HasPidStartTime ? checkpoint.PidStartTime : null,
            exitStatusFile,
            [.. checkpoint.Task.Resources]);
    }

    private async Task KillStaleAsync(ContainerHandle handle)
    {
        await KillContainerAsync(handle, TimeSpan.Zero).ConfigureAwait(false);
        try
        {
            await _containerizer.WaitAsync(handle, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            _logger.KillFailed(e, handle.ContainerId);
        }
    }
}
