using Regatta.Agent.Containerizers;
using Regatta.Agent.Core;
using Regatta.Agent.Logging;
using Regatta.Agent.Paths;

namespace Regatta.Agent.Runtime;

internal sealed partial class AgentRuntime
{
    private void Execute(IReadOnlyList<AgentEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case AgentEffect.Send send:
                    _session?.TrySend(send.Message);
                    break;
                case AgentEffect.Launch launch:
                    StartContainer(launch.Task, launch.Container);
                    break;
                case AgentEffect.StartHealthCheck check:
                    _health.Start(check.Task, check.ContainerId, check.Check, check.Sandbox, check.Environment, check.User);
                    break;
                case AgentEffect.Kill kill:
                    _health.Stop(kill.ContainerId);
                    if (_handles.TryGetValue(kill.ContainerId, out var handle))
                    {
                        _ = KillContainerAsync(handle, kill.Grace);
                    }

                    break;
                case AgentEffect.Checkpoint checkpoint:
                    WriteCheckpoint(checkpoint);
                    break;
                case AgentEffect.Reattach reattach:
                    _reattach.Add(reattach);
                    break;
                case AgentEffect.SaveAgentInfo save:
                    try
                    {
                        _idStore.Save(save.Info);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        _logger.CheckpointFailed(e, save.Info.Id.Value);
                    }

                    break;
                case AgentEffect.ForgetAgentId:
                    _idStore.Forget();
                    break;
                case AgentEffect.Reconnect reconnect:
                    _session?.Close(reconnect.Reason, reconnectAtOnce: true);
                    break;
                case AgentEffect.AnnounceRegistered:
                    if (_core.PingInterval is { } interval)
                    {
                        _session?.SetPingInterval(interval);
                    }

                    // Completed after the batch is published, so AgentId is visible to whoever awaits Registered.
                    _announceRegistered = true;
                    break;
                default:
                    break;
            }
        }
    }

    private void StartContainer(TaskKey task, ContainerLaunch launch)
    {
        var run = Task.Run(async () =>
        {
            ContainerHandle handle;
            try
            {
                SandboxDirectory.Create(launch.Sandbox);
                if (launch.Command.Uris.Count > 0)
                {
                    await _fetcher.FetchAllAsync(launch.Command.Uris, launch.Sandbox, launch.User, _stopping.Token).ConfigureAwait(false);
                }

                handle = await _containerizer.LaunchAsync(launch, _stopping.Token).ConfigureAwait(false);
            }
            catch (ContainerLaunchException e)
            {
                Post(new AgentInput.ContainerLaunchFailed(task, launch.ContainerId, e.Message));
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException or InvalidOperationException)
            {
                Post(new AgentInput.ContainerLaunchFailed(task, launch.ContainerId, e.Message));
                return;
            }

            Post(new AgentInput.ContainerStarted(task, handle));
            await WaitForExitAsync(task, handle).ConfigureAwait(false);
        });
        Track(launch.ContainerId, run);
    }

    /// <summary>Waits for the container's end and reports it to the loop.</summary>
    private async Task WaitForExitAsync(TaskKey task, ContainerHandle handle)
    {
        ContainerExit exit;
        try
        {
            exit = await _containerizer.WaitAsync(handle, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            exit = ContainerExit.Failed(e.Message);
        }

        Post(new AgentInput.ContainerExited(task, handle.ContainerId, exit));
    }

    private void Track(string containerId, Task run)
    {
        _containers[containerId] = run;
        _ = run.ContinueWith(t => _containers.TryRemove(containerId, out _), TaskScheduler.Default);
    }

    private void WriteCheckpoint(AgentEffect.Checkpoint checkpoint)
    {
        try
        {
            if (checkpoint.State is { } state)
            {
                TaskCheckpointStore.Save(checkpoint.Dir, state);
            }
            else
            {
                TaskCheckpointStore.Delete(checkpoint.Dir);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk must not stop the agent; the task runs on, only a restart would lose track of it.
            _logger.TaskCheckpointFailed(e, checkpoint.Task.TaskId);
        }
    }

    private async Task KillContainerAsync(ContainerHandle handle, TimeSpan grace)
    {
        try
        {
            await _containerizer.KillAsync(handle, grace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.KillFailed(e, handle.ContainerId);
        }
    }
}
