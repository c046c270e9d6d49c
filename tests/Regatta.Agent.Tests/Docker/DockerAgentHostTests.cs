using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Tests.Support;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Docker;

/// <summary>A whole agent with <c>--containerizers docker,mesos</c>: DOCKER tasks through the Engine API, the rest as
/// processes, and an engine that is down failing only the DOCKER tasks.</summary>
public sealed class DockerAgentHostTests : IDisposable
{
    private const string FrameworkId = "F-0000";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task DockerTask_EngineUnreachable_FailsTheTaskAndTheAgentKeepsRunningTasks()
    {
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master, Path.Combine(_dir.Path, "no-such-docker.sock"));
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");

        await master.SendAsync(Run(DockerTasks.Task("busybox", "true"), "d1"));
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        var failed = await master.NextUpdateAsync();
        await master.AckAsync(failed, FrameworkId);
        var plain = DockerTasks.Task("unused", "sleep 30");
        plain.Container = null;
        await master.SendAsync(Run(plain, "p1"));
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        var running = await master.NextUpdateAsync();

        Assert.Equal(V1.TaskState.TaskFailed, failed.State);
        Assert.Equal(V1.TaskStatus.Types.Reason.ContainerLaunchFailed, failed.Reason);
        Assert.StartsWith("Failed to launch container: cannot reach the Docker Engine at unix://", failed.Message, StringComparison.Ordinal);
        Assert.Equal(("p1", V1.TaskState.TaskRunning), (running.TaskId.Value, running.State));
    }

    [PodmanFact]
    public async Task DockerTask_OnPodman_ServesHttpOnItsHostPortAndIsKilled()
    {
        var www = Directory.CreateDirectory(Path.Combine(_dir.Path, "www")).FullName;
        await File.WriteAllTextAsync(Path.Combine(www, "index.html"), "agent-served\n");
        var port = FreePort();
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master, PodmanFactAttribute.Socket, $"ports:[{port}-{port}]");
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");
        var task = DockerTasks.Task(PodmanFactAttribute.Image, "httpd -f -p 8080 -h /www", ports: ((ulong)port, (ulong)port));
        task.Container.Docker.Network = V1.ContainerInfo.Types.DockerInfo.Types.Network.Bridge;
        task.Container.Docker.PortMappings.Add(new V1.ContainerInfo.Types.DockerInfo.Types.PortMapping { HostPort = (uint)port, ContainerPort = 8080 });
        task.Container.Volumes.Add(new V1.Volume { HostPath = www, ContainerPath = "/www", Mode = V1.Volume.Types.Mode.Ro });

        await master.SendAsync(Run(task, "web"));
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        var running = await master.NextUpdateAsync();
        await master.AckAsync(running, FrameworkId);
        var body = await HttpPoll.GetWhenUpAsync($"http://127.0.0.1:{port}/");
        await master.SendAsync(new MasterMessage
        {
            KillTask = new KillTask { FrameworkId = new V1.FrameworkID { Value = FrameworkId }, TaskId = new V1.TaskID { Value = "web" } },
        });
        var killed = await master.NextUpdateAsync();

        Assert.Equal(V1.TaskState.TaskRunning, running.State);
        Assert.Equal("agent-served\n", body);
        Assert.Equal(V1.TaskState.TaskKilled, killed.State);
    }

    [PodmanFact]
    public async Task DockerTask_OnPodman_ExitStatusFailsTheTask()
    {
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master, PodmanFactAttribute.Socket);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");

        await master.SendAsync(Run(DockerTasks.Task(PodmanFactAttribute.Image, "exit 4"), "x"));
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        var next = await master.NextUpdateAsync();
        if (next.State == V1.TaskState.TaskRunning)
        {
            await master.AckAsync(next, FrameworkId);
            next = await master.NextUpdateAsync();
        }

        Assert.Equal(V1.TaskState.TaskFailed, next.State);
        Assert.Equal("Container exited with status 4", next.Message);
    }

    [PodmanFact]
    public async Task DockerTask_OnPodman_SurvivesAnAgentRestartAndIsKilledByTheNextAgent()
    {
        await using var master = await FakeMaster.StartAsync();
        var first = await StartAgentAsync(master, PodmanFactAttribute.Socket, killTasksOnShutdown: false);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");
        await master.SendAsync(Run(DockerTasks.Task(PodmanFactAttribute.Image, "echo up; sleep 300"), "kept"));
        await master.AckAsync(await master.NextUpdateAsync(), FrameworkId);
        var running = await master.NextUpdateAsync();
        await master.AckAsync(running, FrameworkId);
        await first.DisposeAsync();

        await using var second = await StartAgentAsync(master, PodmanFactAttribute.Socket);
        var register = (await master.NextRegisterAsync()).Register;
        await master.RegisteredAsync("M-S0");
        await master.SendAsync(new MasterMessage
        {
            KillTask = new KillTask { FrameworkId = new V1.FrameworkID { Value = FrameworkId }, TaskId = new V1.TaskID { Value = "kept" } },
        });
        V1.TaskStatus killed;
        do
        {
            // A RUNNING whose ack the first agent did not see comes again, ahead of KILLED.
            killed = await master.NextUpdateAsync();
            await master.AckAsync(killed, FrameworkId);
        }
        while (killed.State != V1.TaskState.TaskKilled);

        Assert.Equal(V1.TaskState.TaskRunning, running.State);
        Assert.Equal(("kept", V1.TaskState.TaskRunning), (Assert.Single(register.Tasks).TaskId.Value, register.Tasks[0].State));
        Assert.Equal("kept", killed.TaskId.Value);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<AgentHost> StartAgentAsync(FakeMaster master, string dockerSocket, string ports = "ports:[31000-31005]", bool killTasksOnShutdown = true)
    {
        var options = master.AgentOptions(_dir.Path) with
        {
            Resources = $"cpus:2;mem:1024;disk:1024;{ports}",
            Containerizers = "docker,mesos",
            DockerSocket = dockerSocket,
            KillTasksOnShutdown = killTasksOnShutdown,
        };
        return await AgentHost.StartAsync(options, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
    }

    private static MasterMessage Run(V1.TaskInfo task, string taskId)
    {
        task.TaskId = new V1.TaskID { Value = taskId };
        task.AgentId = new V1.AgentID { Value = "M-S0" };
        return new MasterMessage
        {
            RunTask = new RunTask
            {
                Framework = new V1.FrameworkInfo { Id = new V1.FrameworkID { Value = FrameworkId }, Name = "fw", User = "root" },
                Task = task,
            },
        };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
