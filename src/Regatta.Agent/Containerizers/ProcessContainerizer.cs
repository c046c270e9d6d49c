using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Regatta.Agent.Isolation;
using Regatta.Agent.Logging;
using Regatta.Agent.Posix;

namespace Regatta.Agent.Containerizers;

/// <summary>
/// The "mesos" containerizer without isolation (Mesos's posix launcher): each container is a process tree in its own
/// session, started with posix_spawn in the sandbox, stdout/stderr appended to the sandbox files, optionally as another
/// user through util-linux <c>setpriv</c>. One reaper thread per container blocks in waitpid, so exits are seen at once
/// and decoded exactly (exit code versus signal). When the main process ends, whatever is left in its session is killed.
/// With a <see cref="CgroupsIsolator"/> each container also gets cgroups (limits, accounting, a complete kill); see
/// ProcessContainerizer.Isolation.cs.
/// </summary>
internal sealed partial class ProcessContainerizer(
    ILogger<ProcessContainerizer> logger, TimeProvider time, bool switchUser, CgroupsIsolator? isolator = null) : IContainerizer, IContainerStatistics
{
    private static readonly string[] SetprivCandidates = ["/usr/bin/setpriv", "/bin/setpriv"];
    private readonly ConcurrentDictionary<string, RunningContainer> _containers = new(StringComparer.Ordinal);

    public Task<ContainerHandle> LaunchAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stdout = Path.Combine(launch.Sandbox, "stdout");
        var stderr = Path.Combine(launch.Sandbox, "stderr");
        var account = ResolveAccount(launch.User);
        try
        {
            Directory.CreateDirectory(launch.Sandbox);
            TouchFile(stdout);
            TouchFile(stderr);
            if (account is not null)
            {
                ChownOrThrow(launch.Sandbox, account);
                ChownOrThrow(stdout, account);
                ChownOrThrow(stderr, account);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ContainerLaunchException($"Failed to prepare sandbox '{launch.Sandbox}': {e.Message}", e);
        }

        var environment = BuildEnvironment(launch.Environment);
        environment.TryGetValue("PATH", out var pathVariable);
        var (program, argv) = CommandLine.Resolve(launch.Command, launch.Sandbox, pathVariable, IsExecutable);
        if (account is not null)
        {
            var setpriv = SetprivCandidates.FirstOrDefault(File.Exists)
                ?? throw new ContainerLaunchException($"Cannot run the task as user '{account.Name}': setpriv (util-linux) is not installed");
            argv = ["setpriv", $"--reuid={account.Uid}", $"--regid={account.Gid}", "--init-groups", "--", program, .. argv.Skip(1)];
            program = setpriv;
        }

        var joinCgroups = isolator is not null ? PrepareIsolation(launch) : null;
        if (launch.ExitStatusFile is not null || joinCgroups is not null)
        {
            (program, argv) = Wrap(joinCgroups, launch.ExitStatusFile, program, argv);
        }

        int pid;
        try
        {
            pid = PosixSpawn.Spawn(program, argv, [.. environment.Select(kv => $"{kv.Key}={kv.Value}")], launch.Sandbox, stdout, stderr);
        }
        catch (PosixSpawnException e)
        {
            ReleaseIsolation(launch.ContainerId);
            throw new ContainerLaunchException(e.Message, e);
        }

        var container = new RunningContainer(launch.ContainerId, pid) { Limits = ResourceLimits.Of(launch.Resources) };
        _containers[launch.ContainerId] = container;
        var reaper = new Thread(() => Reap(container), 256 * 1024) { IsBackground = true, Name = $"reap-{pid}" };
        reaper.Start();
        if (isolator is not null)
        {
            _ = WatchMemoryAsync(container);
        }
        logger.ContainerLaunched(launch.ContainerId, pid, launch.Sandbox);
        return Task.FromResult(new ContainerHandle(launch.ContainerId, pid) { StartTime = ProcessTable.StartTime(pid) });
    }

    public async Task<ContainerExit> WaitAsync(ContainerHandle handle, CancellationToken cancellationToken)
    {
        var container = _containers.TryGetValue(handle.ContainerId, out var found)
            ? found
            : throw new InvalidOperationException($"unknown container {handle.ContainerId} (already waited for?)");
        var exit = await container.Exit.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        _containers.TryRemove(new KeyValuePair<string, RunningContainer>(container.ContainerId, container));
        return exit;
    }

    public async Task KillAsync(ContainerHandle handle, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        if (!_containers.TryGetValue(handle.ContainerId, out var container) || container.Exit.Task.IsCompleted)
        {
            return;
        }

        // Remember the whole tree now: once the leader dies its children are re-parented and only the session links them.
        var members = ProcessTable.TreeMembers(ProcessTable.Snapshot(), container.Pid);
        logger.ContainerKilling(container.ContainerId, container.Pid, members.Count, gracePeriod);
        SignalTree(container.Pid, members, Libc.SIGTERM);

        var grace = Task.Delay(gracePeriod < TimeSpan.Zero ? TimeSpan.Zero : gracePeriod, time, cancellationToken);
        await Task.WhenAny(container.Exit.Task, grace).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (!container.Exit.Task.IsCompleted)
        {
            members.UnionWith(ProcessTable.TreeMembers(ProcessTable.Snapshot(), container.Pid));
            logger.ContainerEscalating(container.ContainerId, container.Pid);
            SignalTree(container.Pid, members, Libc.SIGKILL);
        }

        await container.Exit.Task.WaitAsync(cancellationToken).ConfigureAwait(false);

        // Members that left the session (daemonised) survive the session sweep of the reaper.
        SignalTree(container.Pid, members, Libc.SIGKILL);
    }

    private void Reap(RunningContainer container)
    {
        ContainerExit exit;
        int rc;
        int status;
        do
        {
            rc = Libc.WaitPid(container.Pid, out status, 0);
        }
        while (rc == -1 && Marshal.GetLastPInvokeError() == Libc.EINTR);

        if (rc == container.Pid)
        {
            exit = WaitStatus.Exited(status)
                ? ContainerExit.Exited(WaitStatus.ExitCode(status))
                : WaitStatus.Signaled(status)
                    ? ContainerExit.Killed(WaitStatus.TermSignal(status), WaitStatus.CoreDumped(status))
                    : ContainerExit.Failed($"unexpected wait status {status}");
        }
        else
        {
            var errno = Marshal.GetLastPInvokeError();
            exit = ContainerExit.Failed($"waitpid({container.Pid}) failed: {Libc.ErrorText(errno)}");
        }

        // The main process is gone; the container ends with it, as in Mesos: sweep its session.
        SignalTree(container.Pid, ProcessTable.TreeMembers(ProcessTable.Snapshot(), container.Pid), Libc.SIGKILL);
        logger.ContainerExited(container.ContainerId, container.Pid, exit.Describe());
        if (isolator is null)
        {
            container.Exit.TrySetResult(exit);
        }
        else
        {
            _ = FinishIsolatedAsync(container, exit);
        }
    }

    private static void SignalTree(int leader, IEnumerable<int> members, int signal)
    {
        Libc.Kill(-leader, signal);
        foreach (var pid in members)
        {
            if (pid > 1)
            {
                Libc.Kill(pid, signal);
            }
        }
    }

    private UserAccount? ResolveAccount(string? user)
    {
        if (user is null || user.Length == 0 || !switchUser)
        {
            return null;
        }

        var account = UserDatabase.Find(user)
            ?? throw new ContainerLaunchException($"Failed to run the task as user '{user}': no such user on this agent");
        if (UserDatabase.IsRoot)
        {
            return account.Uid == 0 ? null : account;
        }

        if (!string.Equals(user, Environment.UserName, StringComparison.Ordinal))
        {
            // Only root can switch users; rather than fail every task on a non-root (development) agent, run as self.
            logger.RunningAsSelf(user, Environment.UserName);
        }

        return null;
    }

    /// <summary>The agent's own environment minus its Mesos/libprocess settings, overlaid with the launch environment.</summary>
    private static Dictionary<string, string> BuildEnvironment(IReadOnlyDictionary<string, string> overlay)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (!name.StartsWith("MESOS_", StringComparison.Ordinal) && !name.StartsWith("LIBPROCESS_", StringComparison.Ordinal))
            {
                environment[name] = (string?)entry.Value ?? "";
            }
        }

        foreach (var (name, value) in overlay)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static bool IsExecutable(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && (info.UnixFileMode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static void TouchFile(string path)
    {
        using var _ = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
    }

    private static void ChownOrThrow(string path, UserAccount account)
    {
        if (Libc.Chown(path, account.Uid, account.Gid) != 0)
        {
            throw new IOException($"chown {account.Name} '{path}': {Libc.ErrorText(Marshal.GetLastPInvokeError())}");
        }
    }

    private sealed class RunningContainer(string containerId, int pid)
    {
        public string ContainerId { get; } = containerId;

        public int Pid { get; } = pid;

        public TaskCompletionSource<ContainerExit> Exit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ResourceLimits Limits { get; init; } = ResourceLimits.None;
    }
}
