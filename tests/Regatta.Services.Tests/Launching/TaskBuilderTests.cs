using Regatta.Resources;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using Regatta.Services.Placement;
using static Regatta.Services.Tests.Launching.LaunchingFixtures;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Tests.Launching;

public sealed class TaskBuilderTests
{
    private const string TaskId = "app.0b6e7a52-9d1f-4c3b-8a51-7c2f0e9d4a10";

    private static Dictionary<string, string> Env(V1.TaskInfo task) =>
        task.Command.Environment.Variables.ToDictionary(v => v.Name, v => v.Value);

    [Theory]
    [InlineData("/web", "web")]
    [InlineData("/prod/shop/api", "api.shop.prod")]
    public void TaskName_AppId_SegmentsReversedAndDotJoined(string appId, string expected) =>
        Assert.Equal(expected, TaskBuilder.TaskName(PathId.Parse(appId)));

    [Fact]
    public void Build_HostNetworking_EnvironmentHasPortsHostTaskIdAndUserEnvLast()
    {
        var app = App("""{"id":"/app","cmd":"run","portDefinitions":[{"port":10000,"name":"http"}],"env":{"HOST":"mine"}}""");

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        var env = Env(task);
        Assert.Equal("31000", env["PORT0"]);
        Assert.Equal("31000", env["PORT_HTTP"]);
        Assert.Equal("31000", env["PORT_10000"]);
        Assert.Equal(TaskId, env["MESOS_TASK_ID"]);
        Assert.Equal("/app", env["MARATHON_APP_ID"]);
        Assert.Equal("2020-01-01T10:00:00.000Z", env["MARATHON_APP_VERSION"]);
        Assert.Equal("mine", env["HOST"]);
        Assert.False(env.ContainsKey("MARATHON_APP_DOCKER_IMAGE"));
        Assert.Null(task.Container);
        Assert.True(task.Command.Shell);
        Assert.False(task.Command.HasShell);
    }

    [Fact]
    public void Build_DockerArgsWithoutCmd_ArgumentsGoToEntrypointWithoutValue()
    {
        var app = App("""{"id":"/app","args":["--verbose","serve"],"container":{"type":"DOCKER","docker":{"image":"busybox"}}}""");

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.False(task.Command.Shell);
        Assert.False(task.Command.HasValue);
        Assert.Equal(["--verbose", "serve"], task.Command.Arguments);
        Assert.Equal("busybox", Env(task)["MARATHON_APP_DOCKER_IMAGE"]);
        Assert.Equal(V1.ContainerInfo.Types.DockerInfo.Types.Network.Host, task.Container.Docker.Network);
        Assert.Equal(new V1.Parameter { Key = "label", Value = "MESOS_TASK_ID=" + TaskId }, Assert.Single(task.Container.Docker.Parameters));
    }

    [Fact]
    public void Build_DockerImageWithoutCommand_RunsImageDefaultWithShellOff()
    {
        var app = App("""{"id":"/app","container":{"type":"DOCKER","docker":{"image":"nginx"}}}""");

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.False(task.Command.Shell);
        Assert.False(task.Command.HasValue);
        Assert.Empty(task.Command.Arguments);
    }

    [Fact]
    public void Build_MesosContainerWithImage_UsesDockerImageNotCachedWhenForcePull()
    {
        var app = App("""{"id":"/app","cmd":"run","container":{"type":"MESOS","docker":{"image":"alpine:3","forcePullImage":true}}}""");

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.Equal(V1.ContainerInfo.Types.Type.Mesos, task.Container.Type);
        Assert.Null(task.Container.Docker);
        Assert.Equal(V1.Image.Types.Type.Docker, task.Container.Mesos.Image.Type);
        Assert.Equal("alpine:3", task.Container.Mesos.Image.Docker.Name);
        Assert.False(task.Container.Mesos.Image.Cached);
        Assert.False(Env(task).ContainsKey("MARATHON_APP_DOCKER_IMAGE"));
    }

    [Fact]
    public void Build_MesosContainerOnBridge_JoinsMesosBridgeWithPortMappings()
    {
        var app = App("""
            {"id":"/app","cmd":"run","networks":[{"mode":"container/bridge","labels":{"a":"b"}}],
             "container":{"type":"MESOS","portMappings":[{"containerPort":8080,"hostPort":0,"protocol":"udp,tcp"}]}}
            """);

        var task = TaskBuilder.Build(app, Match(app), TaskId, new TaskBuildOptions(MesosBridgeName: "cni-br"));

        Assert.Equal(V1.ContainerInfo.Types.Type.Mesos, task.Container.Type);
        Assert.Null(task.Container.Mesos.Image);
        var network = Assert.Single(task.Container.NetworkInfos);
        Assert.Equal("cni-br", network.Name);
        Assert.Equal("b", Assert.Single(network.Labels.Labels_).Value);
        Assert.Single(network.IpAddresses);
        Assert.Equal(
            [("udp", 31000u, 8080u), ("tcp", 31000u, 8080u)],
            network.PortMappings.Select(m => (m.Protocol, m.HostPort, m.ContainerPort)));
    }

    [Fact]
    public void Build_DockerOnContainerNetwork_UserNetworkAndContainerScopedDiscovery()
    {
        var app = App("""
            {"id":"/app","cmd":"run","networks":[{"mode":"container","name":"overlay"}],
             "container":{"type":"DOCKER","docker":{"image":"nginx"},
               "portMappings":[{"containerPort":80,"name":"http"},{"containerPort":9000,"hostPort":0,"name":"admin"}]}}
            """);

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.Equal(V1.ContainerInfo.Types.DockerInfo.Types.Network.User, task.Container.Docker.Network);
        Assert.Equal("overlay", Assert.Single(task.Container.NetworkInfos).Name);
        var mapping = Assert.Single(task.Container.Docker.PortMappings);
        Assert.Equal((31000u, 9000u), (mapping.HostPort, mapping.ContainerPort));
        var ports = task.Discovery.Ports.Ports_;
        Assert.Equal([80u, 31000u], ports.Select(p => p.Number));
        Assert.Equal(
            ["network-scope=container", "network-name=overlay"],
            ports[0].Labels.Labels_.Select(l => l.Key + "=" + l.Value));
        Assert.Equal(["network-scope=host"], ports[1].Labels.Labels_.Select(l => l.Key + "=" + l.Value));
        Assert.Equal("80", Env(task)["PORT0"]);
        Assert.Equal("31000", Env(task)["PORT1"]);
    }

    [Fact]
    public void Build_MesosCheckOnBridge_ProbesContainerPort()
    {
        var app = App("""
            {"id":"/app","networks":[{"mode":"container/bridge"}],
             "container":{"type":"DOCKER","docker":{"image":"nginx"},"portMappings":[{"containerPort":80,"hostPort":0}]},
             "healthChecks":[{"protocol":"MESOS_TCP","portIndex":0}]}
            """);

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.Equal(V1.HealthCheck.Types.Type.Tcp, task.HealthCheck.Type);
        Assert.Equal(80u, task.HealthCheck.Tcp.Port);
        Assert.Equal(V1.NetworkInfo.Types.Protocol.Ipv4, task.HealthCheck.Tcp.Protocol);
    }

    [Fact]
    public void Build_MesosHttpsCheckWithFixedPort_FixedPortWins()
    {
        var app = App("""{"id":"/app","cmd":"run","healthChecks":[{"protocol":"MESOS_HTTPS","port":8443}]}""");

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.Equal("https", task.HealthCheck.Http.Scheme);
        Assert.Equal(8443u, task.HealthCheck.Http.Port);
        Assert.False(task.HealthCheck.Http.HasPath);
    }

    [Fact]
    public void Build_CommandCheck_ShellCommandWithMarathonTimings()
    {
        var app = App("""
            {"id":"/app","cmd":"run","healthChecks":[{"protocol":"COMMAND","command":{"value":"curl -f http://$HOST:$PORT0/"},
              "maxConsecutiveFailures":0}]}
            """);

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        var check = task.HealthCheck;
        Assert.Equal(V1.HealthCheck.Types.Type.Command, check.Type);
        Assert.Equal("curl -f http://$HOST:$PORT0/", check.Command.Value);
        Assert.True(check.Command.Shell);
        Assert.Equal((15.0, 60.0, 20.0, 300.0, 0u), (check.DelaySeconds, check.IntervalSeconds, check.TimeoutSeconds, check.GracePeriodSeconds, check.ConsecutiveFailures));
    }

    [Fact]
    public void Build_OnlySchedulerChecks_NoHealthCheckInTask()
    {
        var app = App("""{"id":"/app","cmd":"run","healthChecks":[{"protocol":"HTTP"},{"protocol":"TCP"},{"protocol":"HTTPS"}]}""");

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.Null(task.HealthCheck);
    }

    [Fact]
    public void Build_SeveralMesosChecks_FirstResolvableOneIsUsed()
    {
        // The validator refuses two Mesos checks; a definition built in code still gets Marathon's behaviour.
        var app = App("""{"id":"/app","cmd":"run","portDefinitions":[]}""") with
        {
            HealthChecks =
            [
                new HealthCheck { Protocol = HealthCheckProtocol.MesosHttp, PortIndex = 3 },
                new HealthCheck { Protocol = HealthCheckProtocol.MesosTcp, Port = 7000 },
                new HealthCheck { Protocol = HealthCheckProtocol.Command, Command = "true" },
            ],
        };

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.Equal(V1.HealthCheck.Types.Type.Tcp, task.HealthCheck.Type);
        Assert.Equal(7000u, task.HealthCheck.Tcp.Port);
    }

    [Fact]
    public void Build_KillGrace_NanosecondsInKillPolicy()
    {
        var app = App("""{"id":"/app","cmd":"run","taskKillGracePeriodSeconds":45}""");

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.Equal(45_000_000_000L, task.KillPolicy.GracePeriod.Nanoseconds);
    }

    [Fact]
    public void Build_NoLabelsNoGrace_FieldsLeftUnset()
    {
        var app = App("""{"id":"/app","cmd":"run"}""");

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.Null(task.Labels);
        Assert.Null(task.KillPolicy);
        Assert.Null(task.Executor);
        Assert.Equal(V1.DiscoveryInfo.Types.Visibility.Framework, task.Discovery.Visibility);
        Assert.Equal("app", task.Discovery.Name);
    }

    [Fact]
    public void Build_ReservedOffer_ResourcesKeepReservationAndAllocationRole()
    {
        var app = App("""{"id":"/app","cmd":"run","cpus":1,"mem":64,"role":"prod","acceptedResourceRoles":["prod","*"]}""");
        var offer = Offer("cpus(prod):0.5;cpus:2;mem:512;ports:[31000-31001]", allocationRole: "prod");

        var task = TaskBuilder.Build(app, Match(app, offer), TaskId);

        Assert.All(task.Resources, r => Assert.Equal("prod", r.AllocationInfo.Role));
        var cpus = task.Resources.Where(r => r.Name == "cpus").ToList();
        Assert.Equal(1.0, cpus.Sum(r => r.Scalar.Value));
        Assert.Contains(cpus, r => r.Reservations.Count == 1 && r.Reservations[0].Role == "prod" && r.Scalar.Value == 0.5);
        Assert.Equal(ResourceText.Parse("cpus(prod):0.5;cpus:0.5;mem:64;ports:[31000-31000]"), ResourceWire.FromProto(task.Resources));
    }

    [Fact]
    public void Build_PathExecutor_WrapsCommandInExecutorInfo()
    {
        var app = App("""{"id":"/app","cmd":"run --fast","executor":"/opt/exec"}""");

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.Null(task.Command);
        Assert.Equal("marathon-" + TaskId, task.Executor.ExecutorId.Value);
        Assert.Equal("chmod ug+rx '/opt/exec' && exec '/opt/exec' run --fast", task.Executor.Command.Value);
    }

    [Fact]
    public void Build_CommandExecutorSpelledOut_SameAsDefault()
    {
        var app = App("""{"id":"/app","cmd":"run","executor":"//cmd"}""");

        var task = TaskBuilder.Build(app, Match(app), TaskId);

        Assert.Equal("run", task.Command.Value);
        Assert.Null(task.Executor);
    }

    [Fact]
    public void Build_RejectedMatch_Throws()
    {
        var app = App("""{"id":"/app","cmd":"run","cpus":4}""");
        var rejected = OfferMatcher.Match(LaunchRequirements.For(app), Offer("cpus:1;mem:1024;ports:[31000-31001]"), PlacementContext.Empty);

        Assert.Throws<ArgumentException>(() => TaskBuilder.Build(app, rejected, TaskId));
    }

    [Fact]
    public void Build_HostPortsDoNotFitApp_Throws()
    {
        var app = App("""{"id":"/app","cmd":"run","portDefinitions":[{"port":0},{"port":0}]}""");
        var match = Match(app) with { HostPorts = [31000] };

        var error = Assert.Throws<ArgumentException>(() => TaskBuilder.Build(app, match, TaskId));
        Assert.Contains("1 host port entries, app /app has 2 ports", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnversionedApp_Throws()
    {
        var app = App("""{"id":"/app","cmd":"run"}""") with { Version = null };

        Assert.Throws<ArgumentException>(() => TaskBuilder.Build(app, Match(app), TaskId));
    }

    [Fact]
    public void Build_SameInput_SameBytes()
    {
        var app = App("""{"id":"/app","cmd":"run","labels":{"b":"2","a":"1"},"env":{"Z":"z","A":"a"}}""");
        var match = Match(app);

        Assert.Equal(MesosJsonOf(TaskBuilder.Build(app, match, TaskId)), MesosJsonOf(TaskBuilder.Build(app, match, TaskId)));
    }
}
