namespace Regatta.Agent.Containerizers;

/// <summary>
/// Runs a task's command in a container and reports how it ended. Launch failures surface as
/// <see cref="ContainerLaunchException"/> (the agent turns them into TASK_FAILED); everything after a successful launch
/// is reported through <see cref="WaitAsync"/>.
/// </summary>
internal interface IContainerizer
{
    /// <summary>Starts the container; returns once its process runs.</summary>
    Task<ContainerHandle> LaunchAsync(ContainerLaunch launch, CancellationToken cancellationToken);

    /// <summary>Completes when the container's main process has exited and the container is cleaned up.</summary>
    Task<ContainerExit> WaitAsync(ContainerHandle handle, CancellationToken cancellationToken);

    /// <summary>SIGTERM, then SIGKILL after <paramref name="gracePeriod"/>; completes once the container is gone.</summary>
    Task KillAsync(ContainerHandle handle, TimeSpan gracePeriod, CancellationToken cancellationToken);
}
