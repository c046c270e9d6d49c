using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Containerizers.Docker;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;

namespace Regatta.Agent.Tests.Docker;

public sealed class DockerContainerizerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly string _sandbox = Directory.CreateTempSubdirectory("regatta-docker-unit-").FullName;
    private readonly FakeDockerEngine _engine = new();
    private readonly DockerEngineClient _client;
    private readonly DockerContainerizer _containerizer;

    public DockerContainerizerTests()
    {
        _client = new DockerEngineClient(_engine, "fake");
        _containerizer = new DockerContainerizer(_client, NullLogger.Instance, TimeProvider.System);
    }

    [Fact]
    public async Task LaunchAsync_MissingImageThatCannotBePulled_FailsNamingTheImage()
    {
        var error = await Assert.ThrowsAsync<ContainerLaunchException>(
            () => _containerizer.LaunchAsync(DockerTasks.Launch(DockerTasks.Task("ghost:1"), _sandbox), CancellationToken.None));

        Assert.StartsWith("image 'ghost:1' not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("no route to registry", error.Message, StringComparison.Ordinal);
        Assert.Empty(_engine.Containers);
    }

    [Fact]
    public async Task LaunchAsync_ThenExit_ReportsTheStatusStreamsLogsAndRemovesTheContainer()
    {
        _engine.Images.Add("busybox");
        _engine.LogFrames = DockerLogDemultiplexerTests.Frames((1, "hello\n"), (2, "oops\n"));

        var handle = await _containerizer.LaunchAsync(DockerTasks.Launch(DockerTasks.Task("busybox"), _sandbox), CancellationToken.None);
        var container = Assert.Single(_engine.Containers);
        Assert.Equal("mesos-c1", container.Name);
        Assert.Equal(4242, handle.Pid);
        _engine.Exit("mesos-c1", 3);
        var exit = await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal("Container exited with status 3", exit.Describe());
        Assert.Empty(_engine.Containers);
        Assert.Equal("hello\n", await File.ReadAllTextAsync(Path.Combine(_sandbox, "stdout")));
        Assert.Equal("oops\n", await File.ReadAllTextAsync(Path.Combine(_sandbox, "stderr")));
    }

    [Fact]
    public async Task LaunchAsync_OomKilled_IsAMemoryLimitation()
    {
        _engine.Images.Add("busybox");
        var handle = await _containerizer.LaunchAsync(DockerTasks.Launch(DockerTasks.Task("busybox", mem: 64), _sandbox), CancellationToken.None);
        _engine.Exit("mesos-c1", 137, oom: true);

        var exit = await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(Reason.ContainerLimitationMemory, exit.Limitation?.Reason);
    }

    [Fact]
    public async Task KillAsync_StopsWithTheGraceAndRemoves()
    {
        _engine.Images.Add("busybox");
        var handle = await _containerizer.LaunchAsync(DockerTasks.Launch(DockerTasks.Task("busybox"), _sandbox), CancellationToken.None);
        var id = Assert.Single(_engine.Containers).Id;

        await _containerizer.KillAsync(handle, TimeSpan.FromSeconds(7), CancellationToken.None).WaitAsync(Bound);
        var exit = await _containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        Assert.Contains($"/v1.41/containers/{id}/stop?t=7", _engine.Paths("POST"));
        Assert.Contains($"/v1.41/containers/{id}?force=1&v=1", _engine.Paths("DELETE"));
        Assert.Empty(_engine.Containers);
        Assert.Equal(143, exit.ExitCode);
    }

    [Fact]
    public async Task LaunchAsync_ForcePull_PullsEvenWhenPresent()
    {
        _engine.Images.Add("busybox");
        _engine.PullStream = "{\"status\":\"Downloaded newer image\"}\n";
        var task = DockerTasks.Task("busybox");
        task.Container.Docker.ForcePullImage = true;

        await _containerizer.LaunchAsync(DockerTasks.Launch(task, _sandbox), CancellationToken.None);

        Assert.Contains(_engine.Paths("POST"), p => p.StartsWith("/v1.41/images/create?fromImage=busybox&tag=latest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecoverAsync_ReattachesKnownAndRemovesUnknownContainers()
    {
        _engine.AddContainer("mesos-known", running: true, new Dictionary<string, string>
        {
            [DockerRunSpecBuilder.ContainerIdLabel] = "known",
            [DockerRunSpecBuilder.SandboxLabel] = _sandbox,
        });
        _engine.AddContainer("mesos-stranger", running: true, new Dictionary<string, string>
        {
            [DockerRunSpecBuilder.SandboxLabel] = Path.Combine(Path.GetDirectoryName(_sandbox)!, "stranger"),
        });
        _engine.AddContainer("mesos-other-agent", running: true, new Dictionary<string, string> { [DockerRunSpecBuilder.SandboxLabel] = "/elsewhere/sandbox" });
        _engine.AddContainer("someone-else", running: true);

        var handles = await _containerizer.RecoverAsync(new HashSet<string> { "known" }, Path.GetDirectoryName(_sandbox), CancellationToken.None);

        Assert.Equal("known", Assert.Single(handles).ContainerId);
        Assert.Equal(["mesos-known", "mesos-other-agent", "someone-else"], _engine.Containers.Select(c => c.Name).Order());
        _engine.Exit("mesos-known", 0);
        var exit = await _containerizer.WaitAsync(handles[0], CancellationToken.None).WaitAsync(Bound);
        Assert.True(exit.Succeeded);
    }

    public void Dispose()
    {
        _client.Dispose();
        _engine.Dispose();
        Directory.Delete(_sandbox, recursive: true);
    }
}
