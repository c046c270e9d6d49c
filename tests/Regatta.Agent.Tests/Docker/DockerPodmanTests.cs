using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Containerizers.Docker;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Docker;

/// <summary>The docker containerizer against a real Engine API: podman's service and the local busybox image.</summary>
public sealed class DockerPodmanTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(25);
    private readonly string _root = Directory.CreateTempSubdirectory("regatta-podman-").FullName;
    private readonly Lazy<DockerEngineClient> _client = new(() => new DockerEngineClient(PodmanFactAttribute.Socket));
    private readonly List<string> _names = [];

    private DockerEngineClient Client => _client.Value;

    [PodmanFact]
    public async Task Launch_BridgeWithPortMappingAndReadOnlyVolume_ServesHttpOnTheHostPort()
    {
        var www = Directory.CreateDirectory(Path.Combine(_root, "www")).FullName;
        await File.WriteAllTextAsync(Path.Combine(www, "index.html"), "hello from regatta\n");
        var port = FreePort();
        var task = DockerTasks.Task(PodmanFactAttribute.Image, "httpd -f -p 80 -h /www", ports: ((ulong)port, (ulong)port));
        task.Container.Docker.Network = V1.ContainerInfo.Types.DockerInfo.Types.Network.Bridge;
        task.Container.Docker.PortMappings.Add(new V1.ContainerInfo.Types.DockerInfo.Types.PortMapping { HostPort = (uint)port, ContainerPort = 80 });
        task.Container.Volumes.Add(new V1.Volume { HostPath = www, ContainerPath = "/www", Mode = V1.Volume.Types.Mode.Ro });
        var (containerizer, launch) = Prepare(task);

        var handle = await containerizer.LaunchAsync(launch, CancellationToken.None).WaitAsync(Bound);
        var body = await HttpPoll.GetWhenUpAsync($"http://127.0.0.1:{port}/index.html");
        await containerizer.KillAsync(handle, TimeSpan.FromSeconds(1), CancellationToken.None).WaitAsync(Bound);
        await containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal("hello from regatta\n", body);
        Assert.True(handle.Pid > 0);
        Assert.Null(await Client.InspectContainerAsync("mesos-" + launch.ContainerId, CancellationToken.None));
    }

    [PodmanFact]
    public async Task Launch_CommandExitsNonZero_ReportsTheStatusAndKeepsTheLogs()
    {
        var (containerizer, launch) = Prepare(DockerTasks.Task(PodmanFactAttribute.Image, "echo to-out; echo to-err >&2; echo $MESOS_SANDBOX; exit 3"));

        var handle = await containerizer.LaunchAsync(launch, CancellationToken.None).WaitAsync(Bound);
        var exit = await containerizer.WaitAsync(handle, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal("Container exited with status 3", exit.Describe());
        Assert.Equal("to-out\n/mnt/mesos/sandbox\n", await File.ReadAllTextAsync(Path.Combine(launch.Sandbox, "stdout")));
        Assert.Equal("to-err\n", await File.ReadAllTextAsync(Path.Combine(launch.Sandbox, "stderr")));
        Assert.Null(await Client.InspectContainerAsync("mesos-" + launch.ContainerId, CancellationToken.None));
    }

    [PodmanFact]
    public async Task Launch_ImageMissing_FailsWithAClearMessage()
    {
        var (containerizer, launch) = Prepare(DockerTasks.Task("localhost/regatta-missing-image:never"));

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(() => containerizer.LaunchAsync(launch, CancellationToken.None).WaitAsync(Bound));

        Assert.StartsWith("image 'localhost/regatta-missing-image:never' not found", error.Message, StringComparison.Ordinal);
    }

    [PodmanFact]
    public async Task RecoverAsync_RemovesUnknownAndReattachesKnownContainers()
    {
        var knownId = Guid.NewGuid().ToString();
        var strangerId = Guid.NewGuid().ToString();
        var otherAgentsId = Guid.NewGuid().ToString();
        var sandbox = Directory.CreateDirectory(Path.Combine(_root, "known")).FullName;
        await StartSleeperAsync(strangerId, Directory.CreateDirectory(Path.Combine(_root, "stranger")).FullName);
        await StartSleeperAsync(otherAgentsId, null);
        await StartSleeperAsync(knownId, sandbox);
        var containerizer = new DockerContainerizer(Client, NullLogger.Instance, TimeProvider.System);

        var handles = await containerizer.RecoverAsync(new HashSet<string> { knownId }, _root, CancellationToken.None).WaitAsync(Bound);
        var otherAgents = await Client.InspectContainerAsync("mesos-" + otherAgentsId, CancellationToken.None);
        await Client.RemoveContainerAsync("mesos-" + otherAgentsId, CancellationToken.None);
        await containerizer.KillAsync(handles[0], TimeSpan.Zero, CancellationToken.None).WaitAsync(Bound);
        var exit = await containerizer.WaitAsync(handles[0], CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(knownId, Assert.Single(handles).ContainerId);
        Assert.Null(await Client.InspectContainerAsync("mesos-" + strangerId, CancellationToken.None));
        Assert.Null(await Client.InspectContainerAsync("mesos-" + knownId, CancellationToken.None));
        Assert.NotNull(otherAgents);
        Assert.False(exit.Succeeded);
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            foreach (var name in _names)
            {
                try
                {
                    Client.RemoveContainerAsync(name, CancellationToken.None).WaitAsync(Bound).GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is DockerEngineException or TimeoutException)
                {
                    // Best effort: a leftover mesos-* container is removed by the next recovery test anyway.
                }
            }

            Client.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }

    private (DockerContainerizer Containerizer, ContainerLaunch Launch) Prepare(V1.TaskInfo task)
    {
        var containerId = Guid.NewGuid().ToString();
        _names.Add("mesos-" + containerId);
        var sandbox = Directory.CreateDirectory(Path.Combine(_root, containerId)).FullName;
        return (new DockerContainerizer(Client, NullLogger.Instance, TimeProvider.System), DockerTasks.Launch(task, sandbox, containerId));
    }

    private async Task StartSleeperAsync(string containerId, string? sandbox)
    {
        var name = "mesos-" + containerId;
        _names.Add(name);
        var labels = new JsonObject { [DockerRunSpecBuilder.ContainerIdLabel] = containerId };
        if (sandbox is not null)
        {
            labels[DockerRunSpecBuilder.SandboxLabel] = sandbox;
        }

        var body = new JsonObject
        {
            ["Image"] = PodmanFactAttribute.Image,
            ["Cmd"] = new JsonArray("sleep", "60"),
            ["Labels"] = labels,
            ["HostConfig"] = new JsonObject { ["NetworkMode"] = "none" },
        };
        var id = await Client.CreateContainerAsync(name, body, CancellationToken.None).WaitAsync(Bound);
        await Client.StartContainerAsync(id, CancellationToken.None).WaitAsync(Bound);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
