using Regatta.Agent.Isolation;
using Regatta.Agent.Posix;

namespace Regatta.Agent.Containerizers;

internal sealed partial class ProcessContainerizer
{
    private static readonly TimeSpan OomPollInterval = TimeSpan.FromMilliseconds(500);

    public long ContainerDestroyErrors => isolator?.DestroyErrors ?? 0;

    /// <summary>
    /// Usage of a running container: its cgroups when isolated, else its process tree from /proc (posix isolation).
    /// </summary>
    public ContainerStatistics? Usage(string containerId)
    {
        if (!_containers.TryGetValue(containerId, out var container) || container.Exit.Task.IsCompleted)
        {
            return null;
        }

        return isolator?.Usage(containerId)
            ?? ProcessTreeStatistics.Read(container.Pid, container.Limits.Cpus, container.Limits.MemMb, time.GetUtcNow());
    }

    /// <summary>
    /// Creates the container's cgroups and returns the shell that makes the task join them before it runs: the task
    /// starts under <c>/bin/sh -c 'echo $$ &gt; …/cgroup.procs …; …'</c>, so the shell moves itself into every hierarchy
    /// before the command starts and nothing the task runs or forks escapes accounting — moving the pid after
    /// posix_spawn would race with the task's first fork. The shell runs as the agent (root), ahead of setpriv, so it
    /// may write the cgroup files.
    /// </summary>
    private string PrepareIsolation(ContainerLaunch launch)
    {
        var limits = ResourceLimits.Of(launch.Resources);
        try
        {
            isolator!.Prepare(launch.ContainerId, limits.Cpus, limits.MemMb);
        }
        catch (ContainerLaunchException)
        {
            ReleaseIsolation(launch.ContainerId);
            throw;
        }

        var joins = string.Join(" && ", isolator.ProcsFiles(launch.ContainerId).Select(f => "echo $$ > " + ShellQuote(f)));
        return $"{joins} || {{ echo 'regatta: failed to join the container cgroups' >&2; exit 125; }}; ";
    }

    /// <summary>
    /// Mesos destroys a container as soon as its cgroup records an OOM kill, even when the OOM killer only hit a child
    /// and the main process lives on; polling the counter does the same (the exit then carries the limitation).
    /// </summary>
    private async Task WatchMemoryAsync(RunningContainer container)
    {
        try
        {
            while (!container.Exit.Task.IsCompleted)
            {
                await Task.WhenAny(container.Exit.Task, Task.Delay(OomPollInterval, time)).ConfigureAwait(false);
                if (!container.Exit.Task.IsCompleted && isolator!.OomKilled(container.ContainerId))
                {
                    foreach (var pid in isolator.Pids(container.ContainerId))
                    {
                        Libc.Kill(pid, Libc.SIGKILL);
                    }

                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Logging.AgentLog.KillFailed(logger, e, container.ContainerId);
        }
    }

    private void ReleaseIsolation(string containerId)
    {
        if (isolator is not null)
        {
            _ = isolator.CleanupAsync(containerId, CancellationToken.None);
        }
    }

    /// <summary>Decides whether the container died of its memory limit, removes its cgroups (killing stragglers, also
    /// those that left the session), then completes the exit.</summary>
    private async Task FinishIsolatedAsync(RunningContainer container, ContainerExit exit)
    {
        try
        {
            if (!exit.Succeeded && isolator!.MemoryLimitation(container.ContainerId) is { } limitation)
            {
                exit = exit with { Limitation = limitation };
            }

            await isolator!.CleanupAsync(container.ContainerId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            Logging.AgentLog.KillFailed(logger, e, container.ContainerId);
        }
        finally
        {
            container.Exit.TrySetResult(exit);
        }
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
