using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Containerizers.Docker;

/// <summary>
/// Mesos's docker containerizer over the Engine API: each DOCKER task becomes the container <c>mesos-&lt;ContainerID&gt;</c>
/// (image pulled when absent or forced), its logs streamed into the sandbox's stdout/stderr, its exit (code, OOM) mapped
/// to the task's end. Kill is <c>stop</c> with the grace period; the container is removed once it has stopped.
/// <see cref="RecoverAsync"/> re-attaches to the containers of known tasks and removes every other <c>mesos-*</c> one.
/// </summary>
internal sealed class DockerContainerizer(DockerEngineClient engine, ILogger logger, TimeProvider time) : IContainerizer, IRecoveringContainerizer
{
    private static readonly TimeSpan LogDrainTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PullTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopSlack = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, DockerRun> _runs = new(StringComparer.Ordinal);

    public async Task<ContainerHandle> LaunchAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var task = launch.Task ?? throw new ContainerLaunchException("The docker containerizer needs the TaskInfo (ContainerInfo.docker)");
        var spec = DockerRunSpecBuilder.Build(launch.ContainerId, launch.Sandbox, task, launch.Environment);
        string dockerId;
        try
        {
            await EnsureImageAsync(spec, launch.ContainerId, cancellationToken).ConfigureAwait(false);

            // A container left over under this name (an earlier attempt) would make create fail with a conflict.
            await engine.RemoveContainerAsync(spec.Name, cancellationToken).ConfigureAwait(false);
            dockerId = await engine.CreateContainerAsync(spec.Name, spec.Request.ToJson(), cancellationToken).ConfigureAwait(false);
            try
            {
                await engine.StartContainerAsync(dockerId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                await RemoveQuietlyAsync(spec.Name, dockerId).ConfigureAwait(false);
                throw;
            }
        }
        catch (DockerEngineException e)
        {
            throw new ContainerLaunchException(e.Message, e);
        }

        // Only for the pid: a container that already exited can make the engine refuse an inspect for a moment
        // (podman while it cleans up); its exit is then reported by the wait, not as a failed launch.
        var state = await InspectQuietlyAsync(spec.Name, dockerId, cancellationToken).ConfigureAwait(false);
        var pid = state?.Pid ?? 0;
        logger.DockerStarted(spec.Name, dockerId, pid, spec.Image);
        Attach(launch.ContainerId, spec.Name, dockerId, launch.Sandbox, spec.Request.Memory, since: null);
        return new ContainerHandle(launch.ContainerId, pid);
    }

    public async Task<ContainerExit> WaitAsync(ContainerHandle handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var run = _runs.TryGetValue(handle.ContainerId, out var found)
            ? found
            : throw new InvalidOperationException($"unknown docker container {handle.ContainerId} (already waited for?)");
        var exit = await run.Exit.WaitAsync(cancellationToken).ConfigureAwait(false);
        _runs.TryRemove(new KeyValuePair<string, DockerRun>(handle.ContainerId, run));
        return exit;
    }

    public async Task KillAsync(ContainerHandle handle, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!_runs.TryGetValue(handle.ContainerId, out var run) || run.Exit.IsCompleted)
        {
            return;
        }

        logger.DockerStopping(run.Name, gracePeriod);
        try
        {
            await engine.StopContainerAsync(run.DockerId, gracePeriod, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException e)
        {
            logger.DockerCallFailed(run.Name, e.Message);
            await KillQuietlyAsync(run).ConfigureAwait(false);
        }

        try
        {
            await run.Exit.WaitAsync(gracePeriod + StopSlack, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await KillQuietlyAsync(run).ConfigureAwait(false);
            await run.Exit.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<ContainerHandle>> RecoverAsync(IReadOnlyList<RecoveredContainer> containers, string workDir, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(containers);
        var known = containers.Where(c => c.Docker).Select(c => c.ContainerId).ToHashSet(StringComparer.Ordinal);
        return RecoverAsync(known, workDir, cancellationToken);
    }

    /// <summary>
    /// After an agent restart: re-attaches to every <c>mesos-*</c> container whose ContainerID is in
    /// <paramref name="knownContainerIds"/> (its exit is then reported through <see cref="WaitAsync"/>, also when it already
    /// stopped while the agent was away) and removes the others whose sandbox lies under <paramref name="workDir"/> (all
    /// others when it is null): another agent on the same engine keeps its containers. Returns the handles of the
    /// re-attached containers.
    /// </summary>
    public async Task<IReadOnlyList<ContainerHandle>> RecoverAsync(IReadOnlySet<string> knownContainerIds, string? workDir, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knownContainerIds);
        var handles = new List<ContainerHandle>();
        IReadOnlyList<DockerContainerSummary> containers;
        try
        {
            containers = await engine.ListContainersAsync(DockerRunSpecBuilder.NamePrefix, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException e)
        {
            logger.DockerCallFailed(DockerRunSpecBuilder.NamePrefix + "*", e.Message);
            return handles;
        }

        foreach (var container in containers)
        {
            var containerId = container.Labels.TryGetValue(DockerRunSpecBuilder.ContainerIdLabel, out var labelled)
                ? labelled
                : container.Name[DockerRunSpecBuilder.NamePrefix.Length..];
            if (!knownContainerIds.Contains(containerId) || _runs.ContainsKey(containerId))
            {
                if (!_runs.ContainsKey(containerId) && Owned(container, workDir))
                {
                    logger.RemovingOrphan(container.Name);
                    await RemoveQuietlyAsync(container.Name, container.Id).ConfigureAwait(false);
                }

                continue;
            }

            container.Labels.TryGetValue(DockerRunSpecBuilder.SandboxLabel, out var sandbox);
            var state = await InspectQuietlyAsync(container.Name, container.Id, cancellationToken).ConfigureAwait(false);
            logger.DockerRecovered(container.Name, container.Id, state?.Running ?? container.Running);
            Attach(containerId, container.Name, container.Id, sandbox, memoryBytes: null, since: LastLogWrite(sandbox));
            handles.Add(new ContainerHandle(containerId, state?.Pid ?? 0));
        }

        return handles;
    }

    private static bool Owned(DockerContainerSummary container, string? workDir)
    {
        if (workDir is null)
        {
            return true;
        }

        var root = Path.GetFullPath(workDir).TrimEnd('/') + "/";
        return container.Labels.TryGetValue(DockerRunSpecBuilder.SandboxLabel, out var sandbox)
            && sandbox.StartsWith(root, StringComparison.Ordinal);
    }

    private async Task EnsureImageAsync(DockerRunSpec spec, string containerId, CancellationToken cancellationToken)
    {
        var present = await engine.ImageExistsAsync(spec.Image, cancellationToken).ConfigureAwait(false);
        if (present && !spec.ForcePull)
        {
            return;
        }

        logger.PullingImage(spec.Image, containerId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PullTimeout);
        try
        {
            await engine.PullImageAsync(spec.Image, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerEngineException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = e is DockerEngineException ? e.Message : $"pull did not finish within {PullTimeout.TotalMinutes:0} min";
            throw new ContainerLaunchException(
                present ? $"failed to pull image '{spec.Image}' (force_pull_image): {why}" : $"image '{spec.Image}' not found (pulling it failed: {why})", e);
        }

        // The engine may report a pull as done without the image arriving; trust only an inspect.
        if (!await engine.ImageExistsAsync(spec.Image, cancellationToken).ConfigureAwait(false))
        {
            throw new ContainerLaunchException($"image '{spec.Image}' not found (the pull finished but the engine has no such image)");
        }
    }

    private void Attach(string containerId, string name, string dockerId, string? sandbox, long? memoryBytes, DateTimeOffset? since)
    {
        var run = new DockerRun(containerId, name, dockerId);
        var logs = sandbox is null ? Task.CompletedTask : Task.Run(() => PumpLogsAsync(run, sandbox, since, run.LogsStop.Token));
        run.Exit = Task.Run(() => WatchAsync(run, logs, memoryBytes));
        _runs[containerId] = run;
    }

    private async Task<ContainerExit> WatchAsync(DockerRun run, Task logs, long? memoryBytes)
    {
        ContainerExit exit;
        try
        {
            var code = await engine.WaitContainerAsync(run.DockerId, CancellationToken.None).ConfigureAwait(false);
            var state = await InspectQuietlyAsync(run.Name, run.DockerId, CancellationToken.None).ConfigureAwait(false);
            exit = DockerExitMapping.ToExit(code, state, memoryBytes);
        }
        catch (DockerEngineException e)
        {
            // The wait can fail for a container that stopped an instant before it was asked (the engine cleaning
            // up); a stopped container's inspect still carries its exit code.
            var state = await InspectQuietlyAsync(run.Name, run.DockerId, CancellationToken.None).ConfigureAwait(false);
            exit = state is { Running: false }
                ? DockerExitMapping.ToExit(state.ExitCode, state, memoryBytes)
                : ContainerExit.Failed(e.Message) with { Message = $"Container failed: {e.Message}" };
        }

        try
        {
            await logs.WaitAsync(LogDrainTimeout, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await run.LogsStop.CancelAsync().ConfigureAwait(false);
        }

        await RemoveQuietlyAsync(run.Name, run.DockerId).ConfigureAwait(false);
        logger.DockerExited(run.Name, exit.Describe());
        run.LogsStop.Dispose();
        return exit;
    }

    private async Task PumpLogsAsync(DockerRun run, string sandbox, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        try
        {
            await using var stdout = new FileStream(Path.Combine(sandbox, "stdout"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            await using var stderr = new FileStream(Path.Combine(sandbox, "stderr"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            await using var source = await engine.OpenLogsAsync(run.DockerId, since, cancellationToken).ConfigureAwait(false);
            await DockerLogDemultiplexer.CopyAsync(source, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerEngineException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            logger.LogStreamFailed(run.Name, e.Message);
        }
        catch (OperationCanceledException)
        {
            // The container ended and its log stream did not close in time; what arrived is on disk.
        }
    }

    private async Task<DockerContainerState?> InspectQuietlyAsync(string name, string dockerId, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.InspectContainerAsync(dockerId, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerEngineException e)
        {
            logger.DockerCallFailed(name, e.Message);
            return null;
        }
    }

    private async Task RemoveQuietlyAsync(string name, string dockerId)
    {
        try
        {
            await engine.RemoveContainerAsync(dockerId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerEngineException e)
        {
            logger.DockerCallFailed(name, e.Message);
        }
    }

    private async Task KillQuietlyAsync(DockerRun run)
    {
        try
        {
            await engine.KillContainerAsync(run.DockerId, "SIGKILL", CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerEngineException e)
        {
            logger.DockerCallFailed(run.Name, e.Message);
        }
    }

    /// <summary>Where the sandbox log files stopped growing: re-attached log streams start there, so output of the
    /// time the agent was away is kept and little is written twice (the engine's <c>since</c> has second precision).</summary>
    private static DateTimeOffset? LastLogWrite(string? sandbox)
    {
        if (sandbox is null)
        {
            return null;
        }

        var stamps = new[] { "stdout", "stderr" }.Select(f => new FileInfo(Path.Combine(sandbox, f))).Where(f => f.Exists)
            .Select(f => new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)).ToList();
        return stamps.Count == 0 ? null : stamps.Max();
    }

    private sealed class DockerRun(string containerId, string name, string dockerId)
    {
        public string ContainerId { get; } = containerId;

        public string Name { get; } = name;

        public string DockerId { get; } = dockerId;

        public CancellationTokenSource LogsStop { get; } = new();

        public Task<ContainerExit> Exit { get; set; } = null!;
    }
}
