using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Containerizers.Docker;

namespace Regatta.Agent.Tests.Docker;

public sealed class ComposingContainerizerTests
{
    [Fact]
    public async Task LaunchAsync_DockerTask_GoesToDockerAndOthersToMesos()
    {
        var mesos = new CountingContainerizer();
        var docker = new CountingContainerizer();
        var composing = new ComposingContainerizer(mesos, docker);
        var dockerTask = DockerTasks.Task("busybox");
        var plainTask = DockerTasks.Task("busybox");
        plainTask.Container = null;

        var dockerHandle = await composing.LaunchAsync(DockerTasks.Launch(dockerTask, "/sb", "d1"), CancellationToken.None);
        await composing.LaunchAsync(DockerTasks.Launch(plainTask, "/sb", "p1"), CancellationToken.None);
        await composing.KillAsync(dockerHandle, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(["launch d1", "kill d1"], docker.Calls);
        Assert.Equal(["launch p1"], mesos.Calls);
    }

    [Fact]
    public async Task LaunchAsync_DockerTaskWithoutDocker_FailsClearly()
    {
        var composing = new ComposingContainerizer(new CountingContainerizer(), null);

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(
            () => composing.LaunchAsync(DockerTasks.Launch(DockerTasks.Task("busybox"), "/sb"), CancellationToken.None));

        Assert.Contains("Docker containerizer not enabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoverAsync_RoutesWaitAndKillOfRecoveredContainersToDocker()
    {
        using var engine = new FakeDockerEngine();
        engine.AddContainer("mesos-r1", running: true, new Dictionary<string, string> { [DockerRunSpecBuilder.ContainerIdLabel] = "r1" });
        using var client = new DockerEngineClient(engine, "fake");
        var mesos = new CountingContainerizer();
        var composing = new ComposingContainerizer(mesos, new DockerContainerizer(client, NullLogger.Instance, TimeProvider.System));

        var recovered = new RecoveredContainer("r1", Docker: true, Pid: 0, StartTime: null, ExitStatusFile: null, Resources: []);
        var handle = Assert.Single(await composing.RecoverAsync([recovered], "/", CancellationToken.None));
        await composing.KillAsync(handle, TimeSpan.FromSeconds(1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var exit = await composing.WaitAsync(handle, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Container exited with status 143", exit.Describe());
        Assert.Empty(mesos.Calls);
        Assert.Empty(engine.Containers);
    }

    private sealed class CountingContainerizer : IContainerizer
    {
        public List<string> Calls { get; } = [];

        public Task<ContainerHandle> LaunchAsync(ContainerLaunch launch, CancellationToken cancellationToken)
        {
            Calls.Add("launch " + launch.ContainerId);
            return Task.FromResult(new ContainerHandle(launch.ContainerId, 1));
        }

        public Task<ContainerExit> WaitAsync(ContainerHandle handle, CancellationToken cancellationToken) => Task.FromResult(ContainerExit.Exited(0));

        public Task KillAsync(ContainerHandle handle, TimeSpan gracePeriod, CancellationToken cancellationToken)
        {
            Calls.Add("kill " + handle.ContainerId);
            return Task.CompletedTask;
        }
    }
}
