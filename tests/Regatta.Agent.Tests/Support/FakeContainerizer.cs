using System.Collections.Concurrent;
using Regatta.Agent.Containerizers;

namespace Regatta.Agent.Tests.Support;

/// <summary>A containerizer without processes: launches succeed at once (or fail on request), containers end when the
/// test says so or when killed.</summary>
internal sealed class FakeContainerizer : IContainerizer
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ContainerExit>> _exits = new();
    private int _nextPid = 1000;

    public ConcurrentQueue<ContainerLaunch> Launched { get; } = new();

    public ConcurrentQueue<(string ContainerId, TimeSpan Grace)> Kills { get; } = new();

    public string? FailLaunchWith { get; set; }

    public Task<ContainerHandle> LaunchAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        if (FailLaunchWith is { } message)
        {
            throw new ContainerLaunchException(message);
        }

        Launched.Enqueue(launch);
        _exits[launch.ContainerId] = new TaskCompletionSource<ContainerExit>(TaskCreationOptions.RunContinuationsAsynchronously);
        return Task.FromResult(new ContainerHandle(launch.ContainerId, Interlocked.Increment(ref _nextPid)));
    }

    public Task<ContainerExit> WaitAsync(ContainerHandle handle, CancellationToken cancellationToken) =>
        _exits[handle.ContainerId].Task.WaitAsync(cancellationToken);

    public Task KillAsync(ContainerHandle handle, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        Kills.Enqueue((handle.ContainerId, gracePeriod));
        Exit(handle.ContainerId, ContainerExit.Killed(15));
        return Task.CompletedTask;
    }

    public void Exit(string containerId, ContainerExit exit) => _exits[containerId].TrySetResult(exit);
}
