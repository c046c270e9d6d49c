using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Posix;
using Regatta.Agent.Tests.Support;

namespace Regatta.Agent.Tests.Containerizers;

/// <summary>
/// Every process containerizer test again, with the monitor shell of checkpointed tasks in front of the command; and
/// recovery: a second containerizer (a restarted agent, which is nobody's parent) takes over the first one's process.
/// </summary>
public sealed class MonitoredProcessContainerizerTests : ProcessContainerizerTests
{
    private protected override bool Monitored => true;

    [Fact]
    public async Task Monitor_RecordsTheExitCodeAndSignal()
    {
        var exited = Launch("exit 3");
        var signalled = Launch("kill -TERM $$");

        var exit = await RunToExitAsync(exited);
        var killed = await RunToExitAsync(signalled);

        Assert.Equal("3", File.ReadAllText(exited.ExitStatusFile!).Trim());
        Assert.Equal(3, exit.ExitCode);
        Assert.Equal("143", File.ReadAllText(signalled.ExitStatusFile!).Trim());
        Assert.Equal(15, killed.Signal);
    }

    [Fact]
    public async Task Recover_LiveProcess_ReportsTheExitItMakesLater()
    {
        var launch = Launch("sleep 1; exit 5");
        var handle = await _containerizer.LaunchAsync(launch, CancellationToken.None);
        var successor = NewContainerizer();

        var recovered = successor.Recover(Recovered(launch, handle));
        var exit = await successor.WaitAsync(recovered, CancellationToken.None).WaitAsync(Bound);

        Assert.NotNull(handle.StartTime);
        Assert.Equal(5, exit.ExitCode);
        Assert.Equal("Command exited with status 5", exit.Describe());
    }

    [Fact]
    public async Task Recover_ProcessThatEndedWhileNobodyWatched_ReportsItsRecordedStatus()
    {
        var launch = Launch("exit 9");
        var handle = await _containerizer.LaunchAsync(launch, CancellationToken.None);
        await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);
        var successor = NewContainerizer();

        var exit = await successor.WaitAsync(successor.Recover(Recovered(launch, handle)), CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(9, exit.ExitCode);
    }

    [Fact]
    public async Task Recover_NoRecordedStatus_FailsWithAClearMessage()
    {
        var launch = Launch("true");
        var successor = NewContainerizer();

        var exit = await successor.WaitAsync(successor.Recover(Recovered(launch, new ContainerHandle(launch.ContainerId, 0))), CancellationToken.None)
            .WaitAsync(Bound);

        Assert.Null(exit.ExitCode);
        Assert.Equal("Command failed: the task's process ended while the agent was not running and left no exit status", exit.Describe());
    }

    [Fact]
    public async Task Recover_RecycledPid_IsNotMistakenForTheTask()
    {
        // A live process whose start time differs from the checkpoint is someone else: the task counts as ended and
        // that process is left alone.
        var stranger = Launch("sleep 300");
        var strangerHandle = await _containerizer.LaunchAsync(stranger, CancellationToken.None);
        var launch = Launch("true");
        var successor = NewContainerizer();
        try
        {
            var impostor = new RecoveredContainer(launch.ContainerId, false, strangerHandle.Pid, strangerHandle.StartTime + 1, launch.ExitStatusFile, []);
            var exit = await successor.WaitAsync(successor.Recover(impostor), CancellationToken.None).WaitAsync(Bound);

            Assert.NotNull(exit.Error);
            Assert.True(ProcessProbe.IsAlive(strangerHandle.Pid));
        }
        finally
        {
            await _containerizer.KillAsync(strangerHandle, TimeSpan.Zero, CancellationToken.None).WaitAsync(Bound);
        }
    }

    [Fact]
    public async Task Recover_ThenKill_EndsTheTreeAndReportsTheSignal()
    {
        var launch = Launch("sleep 300 & echo $! > pids; wait");
        var handle = await _containerizer.LaunchAsync(launch, CancellationToken.None);
        var pids = await ProcessProbe.ReadPidsAsync(Path.Combine(launch.Sandbox, "pids"), 1, Bound);
        var successor = NewContainerizer();
        try
        {
            var recovered = successor.Recover(Recovered(launch, handle));
            await successor.KillAsync(recovered, TimeSpan.FromSeconds(10), CancellationToken.None).WaitAsync(Bound);
            var exit = await successor.WaitAsync(recovered, CancellationToken.None).WaitAsync(Bound);

            Assert.Equal(15, exit.Signal);
            Assert.True(await ProcessProbe.AllDeadAsync([.. pids, handle.Pid], TimeSpan.FromSeconds(5)));
        }
        finally
        {
            ProcessProbe.KillQuietly(pids);
        }
    }

    private static ProcessContainerizer NewContainerizer() =>
        new(NullLogger<ProcessContainerizer>.Instance, TimeProvider.System, switchUser: true);

    private static RecoveredContainer Recovered(ContainerLaunch launch, ContainerHandle handle) =>
        new(launch.ContainerId, Docker: false, handle.Pid, handle.StartTime, launch.ExitStatusFile, []);
}
