using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Posix;
using Regatta.Agent.Tests.Support;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Containerizers;

/// <summary>The process containerizer launching bare commands; <see cref="MonitoredProcessContainerizerTests"/> runs the
/// same tests with the monitor shell that checkpointed tasks get.</summary>
public class ProcessContainerizerTests : IDisposable
{
    private static readonly TimeSpan BoundValue = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new();
    private protected readonly ProcessContainerizer _containerizer = new(NullLogger<ProcessContainerizer>.Instance, TimeProvider.System, switchUser: true);
    private int _next;

    [Fact]
    public async Task LaunchAsync_ShellCommand_WritesStdoutAndStderrToSandbox()
    {
        var launch = Launch("echo hello; echo oops >&2");

        var exit = await RunToExitAsync(launch);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("Command exited with status 0", exit.Describe());
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(launch.Sandbox, "stdout")));
        Assert.Equal("oops\n", File.ReadAllText(Path.Combine(launch.Sandbox, "stderr")));
    }

    [Fact]
    public async Task LaunchAsync_NonZeroExit_ReportsTheCode()
    {
        var exit = await RunToExitAsync(Launch("exit 3"));

        Assert.Equal(3, exit.ExitCode);
        Assert.Null(exit.Signal);
        Assert.Equal("Command exited with status 3", exit.Describe());
    }

    [Fact]
    public async Task LaunchAsync_ProcessKillingItself_ReportsTheSignalNotACode()
    {
        var exit = await RunToExitAsync(Launch("kill -KILL $$"));

        Assert.Null(exit.ExitCode);
        Assert.Equal(9, exit.Signal);
        Assert.Equal("Command terminated with signal Killed", exit.Describe());
    }

    [Fact]
    public async Task LaunchAsync_NoShell_ExecsValueWithArgumentsAsArgv()
    {
        var command = new V1.CommandInfo { Shell = false, Value = "echo", Arguments = { "echo", "a b", "c" } };
        var launch = Launch(command);

        await RunToExitAsync(launch);

        Assert.Equal("a b c\n", File.ReadAllText(Path.Combine(launch.Sandbox, "stdout")));
    }

    [Fact]
    public async Task LaunchAsync_MissingExecutable_ThrowsLaunchExceptionWithTheOsError()
    {
        var command = new V1.CommandInfo { Shell = false, Value = "/nonexistent/bin/tool" };

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(() => _containerizer.LaunchAsync(Launch(command), CancellationToken.None));

        Assert.Contains("/nonexistent/bin/tool", error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaunchAsync_NonexistentUser_ThrowsNamingTheUser()
    {
        var launch = Launch("true") with { User = "no-such-user-xyz" };

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(() => _containerizer.LaunchAsync(launch, CancellationToken.None));

        Assert.Contains("no-such-user-xyz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaunchAsync_OtherUser_RunsAsThatUserWhenRoot()
    {
        var nobody = UserDatabase.Find("nobody");
        Assert.NotNull(nobody);
        var launch = Launch("id -u; touch written-by-task") with { User = "nobody" };

        var exit = await RunToExitAsync(launch);

        Assert.Equal(0, exit.ExitCode);
        var expectedUid = UserDatabase.IsRoot ? nobody.Uid : Libc.GetEuid();
        Assert.Equal($"{expectedUid}\n", File.ReadAllText(Path.Combine(launch.Sandbox, "stdout")));
        Assert.True(File.Exists(Path.Combine(launch.Sandbox, "written-by-task")));
    }

    [Fact]
    public async Task LaunchAsync_Environment_IsVisibleToTheTask_AndCwdIsTheSandbox()
    {
        var launch = Launch("echo \"$FOO|$MESOS_TASK_ID|$(pwd)\"") with
        {
            Environment = new Dictionary<string, string> { ["FOO"] = "bar baz", ["MESOS_TASK_ID"] = "task-7" },
        };

        await RunToExitAsync(launch);

        Assert.Equal($"bar baz|task-7|{launch.Sandbox}\n", File.ReadAllText(Path.Combine(launch.Sandbox, "stdout")));
    }

    [Fact]
    public async Task LaunchAsync_TaskRunsInItsOwnSession()
    {
        var launch = Launch("ps -o sid= -p $$ > sid");

        var handle = await _containerizer.LaunchAsync(launch, CancellationToken.None);
        await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(handle.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(launch.Sandbox, "sid")).Trim());
    }

    [Fact]
    public async Task KillAsync_Tree_TerminatesChildAndGrandchild()
    {
        var launch = Launch("echo $$ >> pids; sleep 300 & echo $! >> pids; sh -c 'sleep 300 & echo $! >> pids; wait' & echo $! >> pids; wait");
        var handle = await _containerizer.LaunchAsync(launch, CancellationToken.None);
        var wait = _containerizer.WaitAsync(handle, CancellationToken.None);
        var pids = await ProcessProbe.ReadPidsAsync(Path.Combine(launch.Sandbox, "pids"), 4, Bound);
        try
        {
            var clock = Stopwatch.StartNew();
            await _containerizer.KillAsync(handle, TimeSpan.FromSeconds(10), CancellationToken.None).WaitAsync(Bound);
            var exit = await wait.WaitAsync(Bound);

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), "SIGTERM alone should have ended the tree well within the grace period");
            Assert.Equal(15, exit.Signal);
            Assert.True(await ProcessProbe.AllDeadAsync(pids, TimeSpan.FromSeconds(5)), "a process of the tree survived: " + string.Join(",", pids.Where(ProcessProbe.IsAlive)));
        }
        finally
        {
            ProcessProbe.KillQuietly(pids);
        }
    }

    [Fact]
    public async Task KillAsync_TermIgnored_EscalatesToSigkillAfterGrace()
    {
        var launch = Launch("trap '' TERM; echo $$ >> pids; sleep 300 & echo $! >> pids; wait; wait");
        var handle = await _containerizer.LaunchAsync(launch, CancellationToken.None);
        var wait = _containerizer.WaitAsync(handle, CancellationToken.None);
        var pids = await ProcessProbe.ReadPidsAsync(Path.Combine(launch.Sandbox, "pids"), 2, Bound);
        try
        {
            var clock = Stopwatch.StartNew();
            await _containerizer.KillAsync(handle, TimeSpan.FromSeconds(1), CancellationToken.None).WaitAsync(Bound);
            var exit = await wait.WaitAsync(Bound);

            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"killed after {clock.Elapsed}, before the grace period");
            Assert.Equal(9, exit.Signal);
            Assert.True(await ProcessProbe.AllDeadAsync(pids, TimeSpan.FromSeconds(5)));
        }
        finally
        {
            ProcessProbe.KillQuietly(pids);
        }
    }

    [Fact]
    public async Task WaitAsync_MainProcessExits_LeftoverSessionMembersAreKilled()
    {
        var launch = Launch("sleep 300 & echo $! > pids");
        var exit = await RunToExitAsync(launch);
        var pids = await ProcessProbe.ReadPidsAsync(Path.Combine(launch.Sandbox, "pids"), 1, Bound);
        try
        {
            Assert.Equal(0, exit.ExitCode);
            Assert.True(await ProcessProbe.AllDeadAsync(pids, TimeSpan.FromSeconds(5)));
        }
        finally
        {
            ProcessProbe.KillQuietly(pids);
        }
    }

    [Fact]
    public async Task KillAsync_AfterExit_ReturnsAtOnce()
    {
        var launch = Launch("true");
        var handle = await _containerizer.LaunchAsync(launch, CancellationToken.None);
        await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        await _containerizer.KillAsync(handle, TimeSpan.FromSeconds(30), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2));
    }

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Launches get an exit status file, so the command runs under the monitor shell.</summary>
    private protected virtual bool Monitored => false;

    private protected static TimeSpan Bound => BoundValue;

    private protected async Task<ContainerExit> RunToExitAsync(ContainerLaunch launch)
    {
        var handle = await _containerizer.LaunchAsync(launch, CancellationToken.None);
        Assert.True(handle.Pid > 0);
        return await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);
    }

    private protected ContainerLaunch Launch(string shellCommand) => Launch(new V1.CommandInfo { Value = shellCommand });

    private protected ContainerLaunch Launch(V1.CommandInfo command)
    {
        var id = $"c{Interlocked.Increment(ref _next)}";
        var sandbox = Path.Combine(_dir.Path, id);
        return new ContainerLaunch(id, sandbox, command, null, new Dictionary<string, string>())
        {
            ExitStatusFile = Monitored ? Path.Combine(_dir.Path, id + ".exit_status") : null,
        };
    }
}
