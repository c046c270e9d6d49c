using System.Globalization;
using Regatta.Agent.Isolation;
using Regatta.Agent.Logging;
using Regatta.Agent.Posix;

namespace Regatta.Agent.Containerizers;

internal sealed partial class ProcessContainerizer : IRecoveringContainerizer
{
    /// <summary>
    /// The monitor shell of a checkpointed task (Mesos's command executor plays this part): it starts the command,
    /// passes SIGTERM on to it, waits for it, writes its exit status (128 + signal for a signal, as sh reports it) to
    /// the file named by its first argument and ends the same way the command did. The agent is the shell's parent
    /// and reaps it as before; a restarted agent, which is nobody's parent, reads the file instead.
    /// </summary>
    private const string MonitorScript =
        "f=$1; shift; \"$@\" & c=$!; i=; trap 'i=1; kill -TERM \"$c\" 2>/dev/null' TERM; "
        + "while :; do wait \"$c\"; s=$?; if [ -n \"$i\" ] && [ \"$s\" -gt 128 ]; then i=; continue; fi; break; done; "
        + "echo \"$s\" > \"$f\"; trap - TERM; "
        + "if [ \"$s\" -gt 128 ] && [ \"$s\" -lt 160 ]; then kill -$((s - 128)) $$; fi; exit \"$s\"";

    private static readonly TimeSpan RecoveredPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Re-attaches to a container a previous agent started: its tree is killed and its usage read as before, and its
    /// end is reported through <see cref="WaitAsync"/> with the status the monitor shell recorded — also when it ended
    /// while no agent ran. The agent is not the process's parent any more, so the end is noticed by polling /proc.
    /// </summary>
    public ContainerHandle Recover(RecoveredContainer process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var container = new RunningContainer(process.ContainerId, process.Pid) { Limits = ResourceLimits.Of(process.Resources) };
        _containers[process.ContainerId] = container;
        var alive = process.Pid > 0 && process.StartTime is { } start && ProcessTable.StartTime(process.Pid) == start;
        if (isolator is not null)
        {
            isolator.Adopt(process.ContainerId, container.Limits.Cpus, container.Limits.MemMb);
            if (alive)
            {
                _ = WatchMemoryAsync(container);
            }
        }

        logger.ContainerRecovered(process.ContainerId, process.Pid, alive);
        _ = WatchRecoveredAsync(container, alive ? process.StartTime : null, process.ExitStatusFile);
        return new ContainerHandle(process.ContainerId, process.Pid);
    }

    public Task<IReadOnlyList<ContainerHandle>> RecoverAsync(IReadOnlyList<RecoveredContainer> containers, string workDir, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(containers);
        IReadOnlyList<ContainerHandle> handles = [.. containers.Where(c => !c.Docker).Select(Recover)];
        return Task.FromResult(handles);
    }

    /// <summary>The recorded end of a monitored command: an exit code, 128 + N for signal N, or null when none was written.</summary>
    internal static ContainerExit? ReadExitStatus(string? file)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            var text = File.ReadAllText(file).Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                return null;
            }

            return status is > 128 and < 160 ? ContainerExit.Killed(status - 128) : ContainerExit.Exited(status);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static (string Program, IReadOnlyList<string> Argv) Wrap(string? joinCgroups, string? exitStatusFile, string program, IReadOnlyList<string> argv)
    {
        if (exitStatusFile is null)
        {
            return ("/bin/sh", ["sh", "-c", joinCgroups + "exec \"$@\"", "regatta-isolate", program, .. argv.Skip(1)]);
        }

        // Without the wrapper posix_spawn itself reports a program that cannot run; keep that clear message.
        if (!IsExecutable(program))
        {
            throw new ContainerLaunchException(
                $"Failed to execute '{program}': {(File.Exists(program) ? "Permission denied" : "No such file or directory")}");
        }

        return ("/bin/sh", ["sh", "-c", joinCgroups + MonitorScript, "regatta-monitor", exitStatusFile, program, .. argv.Skip(1)]);
    }

    private async Task WatchRecoveredAsync(RunningContainer container, ulong? startTime, string? exitStatusFile)
    {
        while (startTime is { } start && ProcessTable.StartTime(container.Pid) == start)
        {
            await Task.Delay(RecoveredPollInterval, time).ConfigureAwait(false);
        }

        var exit = ReadExitStatus(exitStatusFile)
            ?? ContainerExit.Failed("the task's process ended while the agent was not running and left no exit status");
        // Sweep the session only of a process seen alive: a pid found dead at recovery may already name a stranger.
        if (startTime is not null)
        {
            SignalTree(container.Pid, ProcessTable.TreeMembers(ProcessTable.Snapshot(), container.Pid), Libc.SIGKILL);
        }

        logger.ContainerExited(container.ContainerId, container.Pid, exit.Describe());
        if (isolator is null)
        {
            container.Exit.TrySetResult(exit);
        }
        else
        {
            await FinishIsolatedAsync(container, exit).ConfigureAwait(false);
        }
    }
}
