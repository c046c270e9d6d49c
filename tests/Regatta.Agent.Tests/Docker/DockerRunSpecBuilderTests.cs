using System.Text.Json.Nodes;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Containerizers.Docker;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Docker;

public sealed class DockerRunSpecBuilderTests
{
    private static readonly Dictionary<string, string> Env = new() { ["MESOS_SANDBOX"] = "/work/sb", ["FOO"] = "bar" };

    [Fact]
    public void Build_BridgeWithPortMapping_PublishesTheHostPort()
    {
        var task = DockerTasks.Task("busybox:1", ports: (31000, 31005));
        task.Container.Docker.Network = V1.ContainerInfo.Types.DockerInfo.Types.Network.Bridge;
        task.Container.Docker.PortMappings.Add(new V1.ContainerInfo.Types.DockerInfo.Types.PortMapping { HostPort = 31002, ContainerPort = 80 });

        var spec = DockerRunSpecBuilder.Build("c1", "/work/sb", task, Env);
        var body = spec.Request.ToJson();

        Assert.Equal("mesos-c1", spec.Name);
        Assert.Equal("busybox:1", body["Image"]!.GetValue<string>());
        Assert.Equal("bridge", body["HostConfig"]!["NetworkMode"]!.GetValue<string>());
        var binding = body["HostConfig"]!["PortBindings"]!["80/tcp"]![0]!;
        Assert.Equal("31002", binding["HostPort"]!.GetValue<string>());
        Assert.Equal("", binding["HostIp"]!.GetValue<string>());
        Assert.NotNull(body["ExposedPorts"]!["80/tcp"]);
    }

    [Fact]
    public void Build_HostPortOutsideThePortResources_FailsNamingThePort()
    {
        var task = DockerTasks.Task("busybox", ports: (31000, 31005));
        task.Container.Docker.Network = V1.ContainerInfo.Types.DockerInfo.Types.Network.Bridge;
        task.Container.Docker.PortMappings.Add(new V1.ContainerInfo.Types.DockerInfo.Types.PortMapping { HostPort = 8080, ContainerPort = 80 });

        var error = Assert.Throws<ContainerLaunchException>(() => DockerRunSpecBuilder.Build("c1", "/work/sb", task, Env));

        Assert.Contains("host_port 8080", error.Message, StringComparison.Ordinal);
        Assert.Contains("[31000-31005]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_PortMappingOnHostNetwork_Fails()
    {
        var task = DockerTasks.Task("busybox", ports: (31000, 31005));
        task.Container.Docker.PortMappings.Add(new V1.ContainerInfo.Types.DockerInfo.Types.PortMapping { HostPort = 31000, ContainerPort = 80 });

        var error = Assert.Throws<ContainerLaunchException>(() => DockerRunSpecBuilder.Build("c1", "/work/sb", task, Env));

        Assert.Contains("BRIDGE or USER", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5, 128, 512, 128L << 20)]
    [InlineData(0.001, 16, 2, 32L << 20)]
    public void Build_CpusAndMem_BecomeSharesAndMemoryWithMesosMinimums(double cpus, double mem, long shares, long bytes)
    {
        var body = DockerRunSpecBuilder.Build("c1", "/work/sb", DockerTasks.Task("busybox", cpus: cpus, mem: mem), Env).Request.ToJson();

        Assert.Equal(shares, body["HostConfig"]!["CpuShares"]!.GetValue<long>());
        Assert.Equal(bytes, body["HostConfig"]!["Memory"]!.GetValue<long>());
        Assert.Equal("host", body["HostConfig"]!["NetworkMode"]!.GetValue<string>());
    }

    [Fact]
    public void Build_VolumesAndSandbox_AreBindMountsWithTheirModes()
    {
        var task = DockerTasks.Task("busybox");
        task.Container.Volumes.Add(new V1.Volume { HostPath = "/srv/www", ContainerPath = "/www", Mode = V1.Volume.Types.Mode.Ro });
        task.Container.Volumes.Add(new V1.Volume { HostPath = "data", ContainerPath = "/data", Mode = V1.Volume.Types.Mode.Rw });
        task.Container.Docker.Privileged = true;

        var body = DockerRunSpecBuilder.Build("c1", "/work/sb", task, Env).Request.ToJson();
        var binds = body["HostConfig"]!["Binds"]!.AsArray().Select(b => b!.GetValue<string>()).ToList();

        Assert.Equal(["/work/sb:/mnt/mesos/sandbox:rw", "/srv/www:/www:ro", "/work/sb/data:/data:rw"], binds);
        Assert.True(body["HostConfig"]!["Privileged"]!.GetValue<bool>());
    }

    [Fact]
    public void Build_Environment_PointsMesosSandboxIntoTheContainer()
    {
        var body = DockerRunSpecBuilder.Build("c1", "/work/sb", DockerTasks.Task("busybox"), Env).Request.ToJson();
        var env = body["Env"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();

        Assert.Contains("MESOS_SANDBOX=/mnt/mesos/sandbox", env);
        Assert.Contains("FOO=bar", env);
        Assert.Equal("c1", body["Labels"]![DockerRunSpecBuilder.ContainerIdLabel]!.GetValue<string>());
        Assert.Equal("/work/sb", body["Labels"]![DockerRunSpecBuilder.SandboxLabel]!.GetValue<string>());
    }

    [Fact]
    public void Build_ShellCommand_RunsThroughShC()
    {
        var body = DockerRunSpecBuilder.Build("c1", "/sb", DockerTasks.Task("busybox", "echo $HOME"), Env).Request.ToJson();

        Assert.Equal(["/bin/sh", "-c", "echo $HOME"], Strings(body["Cmd"]));
        Assert.Null(body["Entrypoint"]);
    }

    [Fact]
    public void Build_NonShellCommand_IsValueThenArguments()
    {
        var task = DockerTasks.Task("busybox");
        task.Command = new V1.CommandInfo { Shell = false, Value = "sleep" };
        task.Command.Arguments.Add("30");

        var body = DockerRunSpecBuilder.Build("c1", "/sb", task, Env).Request.ToJson();

        Assert.Equal(["sleep", "30"], Strings(body["Cmd"]));
    }

    [Fact]
    public void Build_NoCommandValue_LeavesTheImageDefault()
    {
        var body = DockerRunSpecBuilder.Build("c1", "/sb", DockerTasks.Task("busybox", shellCommand: null), Env).Request.ToJson();

        Assert.Null(body["Cmd"]);
    }

    [Fact]
    public void Build_UserNetwork_UsesTheFirstNetworkInfoName()
    {
        var task = DockerTasks.Task("busybox");
        task.Container.Docker.Network = V1.ContainerInfo.Types.DockerInfo.Types.Network.User;
        Assert.Throws<ContainerLaunchException>(() => DockerRunSpecBuilder.Build("c1", "/sb", task, Env));

        task.Container.NetworkInfos.Add(new V1.NetworkInfo { Name = "backend" });
        var body = DockerRunSpecBuilder.Build("c1", "/sb", task, Env).Request.ToJson();

        Assert.Equal("backend", body["HostConfig"]!["NetworkMode"]!.GetValue<string>());
    }

    [Fact]
    public void Build_Parameters_MapToEngineFields()
    {
        var task = DockerTasks.Task("busybox");
        foreach (var (key, value) in new[]
        {
            ("env", "A=1"), ("label", "team=web"), ("publish", "127.0.0.1:9000:90/udp"), ("memory-swap", "1g"), ("volume", "/a:/b:ro"),
            ("hostname", "box"), ("user", "nobody"), ("workdir", "/tmp"), ("entrypoint", "/bin/env"), ("cap-add", "NET_ADMIN"),
            ("cap-drop", "MKNOD"), ("ulimit", "nofile=100:200"), ("network", "none"),
        })
        {
            task.Container.Docker.Parameters.Add(new V1.Parameter { Key = key, Value = value });
        }

        var body = DockerRunSpecBuilder.Build("c1", "/sb", task, Env).Request.ToJson();
        var host = body["HostConfig"]!;

        Assert.Contains("A=1", Strings(body["Env"]));
        Assert.Equal("web", body["Labels"]!["team"]!.GetValue<string>());
        Assert.Equal("9000", host["PortBindings"]!["90/udp"]![0]!["HostPort"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", host["PortBindings"]!["90/udp"]![0]!["HostIp"]!.GetValue<string>());
        Assert.Equal(1L << 30, host["MemorySwap"]!.GetValue<long>());
        Assert.Contains("/a:/b:ro", Strings(host["Binds"]));
        Assert.Equal("box", body["Hostname"]!.GetValue<string>());
        Assert.Equal("nobody", body["User"]!.GetValue<string>());
        Assert.Equal("/tmp", body["WorkingDir"]!.GetValue<string>());
        Assert.Equal(["/bin/env"], Strings(body["Entrypoint"]));
        Assert.Equal(["NET_ADMIN"], Strings(host["CapAdd"]));
        Assert.Equal(["MKNOD"], Strings(host["CapDrop"]));
        Assert.Equal(200, host["Ulimits"]![0]!["Hard"]!.GetValue<long>());
        Assert.Equal("none", host["NetworkMode"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("oom-score-adj", "5", "Unsupported docker parameter 'oom-score-adj'")]
    [InlineData("memory-swap", "lots", "Invalid docker parameter 'memory-swap=lots'")]
    [InlineData("publish", "80:99999", "Invalid docker parameter 'publish=80:99999'")]
    public void Build_BadParameter_FailsNamingIt(string key, string value, string expected)
    {
        var task = DockerTasks.Task("busybox");
        task.Container.Docker.Parameters.Add(new V1.Parameter { Key = key, Value = value });

        var error = Assert.Throws<ContainerLaunchException>(() => DockerRunSpecBuilder.Build("c1", "/sb", task, Env));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static List<string> Strings(JsonNode? node) => [.. node!.AsArray().Select(n => n!.GetValue<string>())];
}
