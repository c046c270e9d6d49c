using Regatta.Services.Health;
using Regatta.Services.Model;
using Regatta.Services.Tests.Model;

namespace Regatta.Services.Tests.Health;

public sealed class HealthTargetsTests
{
    private const string HostApp = """
        {"id":"/web","cmd":"serve",
         "portDefinitions":[{"port":0,"name":"http"},{"port":0,"name":"admin"}],
         "healthChecks":[
           {"protocol":"HTTP","path":"health?deep=1","portIndex":1,"timeoutSeconds":5,"intervalSeconds":10},
           {"protocol":"COMMAND","command":{"value":"true"}},
           {"protocol":"TCP","port":8080},
           {"protocol":"HTTPS"}],
         "readinessChecks":[{"name":"warm","protocol":"HTTPS","path":"/ready","portName":"http",
                             "intervalSeconds":3,"timeoutSeconds":2,"httpStatusCodesForReady":[200,204],"preserveLastResponse":true}]}
        """;

    private const string ContainerApp = """
        {"id":"/c","container":{"type":"DOCKER","docker":{"image":"nginx"},
           "portMappings":[{"containerPort":8080,"name":"http"},{"containerPort":9090,"hostPort":0,"name":"metrics"}]},
         "networks":[{"mode":"container","name":"overlay"}],
         "healthChecks":[{"protocol":"HTTP","portIndex":0},{"protocol":"TCP","portIndex":1},{"protocol":"TCP","port":7000}]}
        """;

    [Fact]
    public void ForTask_HostNetworking_UsesTheAgentAndTheIndexedHostPort()
    {
        var app = Apps.Parse(HostApp);
        var task = new TaskAddresses("agent-1", [31000, 31001]);

        var checks = HealthTargets.ForTask("web.1", app, task);

        Assert.Equal("web.1", checks.TaskId);
        Assert.Equal([0, 2, 3], checks.Checks.Select(c => c.Index));
        Assert.Equal(
            new TaskHealthCheck(0, TimeSpan.FromSeconds(10), new HealthProbeTarget(HealthCheckProtocol.Http, "agent-1", 31001, "/health?deep=1", TimeSpan.FromSeconds(5))),
            checks.Checks[0]);
        Assert.Equal(new Uri("http://agent-1:31001/health?deep=1"), checks.Checks[0].Target!.Url);
        Assert.Equal(new HealthProbeTarget(HealthCheckProtocol.Tcp, "agent-1", 8080, "/", TimeSpan.FromSeconds(20)), checks.Checks[1].Target);
        Assert.Equal(new Uri("https://agent-1:31000/"), checks.Checks[2].Target!.Url);
    }

    [Fact]
    public void ForTask_BridgeNetworking_UsesTheHostPortMappedToTheContainerPort()
    {
        var app = Apps.Parse("""
            {"id":"/b","container":{"type":"DOCKER","docker":{"image":"nginx"},
               "portMappings":[{"containerPort":80,"hostPort":0,"name":"http"}]},
             "networks":[{"mode":"container/bridge"}],
             "healthChecks":[{"protocol":"HTTP","portIndex":0}]}
            """);

        var check = Assert.Single(HealthTargets.ForTask("b.1", app, new TaskAddresses("agent-2", [31555], ["172.17.0.5"])).Checks);

        Assert.Equal(new Uri("http://agent-2:31555/"), check.Target!.Url);
    }

    [Fact]
    public void ForTask_ContainerNetworking_UsesTheTaskAddressWhereThereIsNoHostPort()
    {
        var app = Apps.Parse(ContainerApp);

        var checks = HealthTargets.ForTask("c.1", app, new TaskAddresses("agent-3", [null, 31999], ["10.8.0.7"])).Checks;

        Assert.Equal(("10.8.0.7", 8080), (checks[0].Target!.Host, checks[0].Target!.Port));
        Assert.Equal(("agent-3", 31999), (checks[1].Target!.Host, checks[1].Target!.Port));
        Assert.Equal(("10.8.0.7", 7000), (checks[2].Target!.Host, checks[2].Target!.Port));
    }

    [Fact]
    public void ForTask_ContainerNetworkingWithoutAnAddressYet_ReportsTheProblem()
    {
        var app = Apps.Parse(ContainerApp);

        var checks = HealthTargets.ForTask("c.1", app, new TaskAddresses("agent-3", [null, 31999])).Checks;

        Assert.Null(checks[0].Target);
        Assert.Equal(HealthTargets.NoEffectivePort, checks[0].Problem);
        Assert.NotNull(checks[1].Target);
        Assert.Equal(HealthTargets.NoEffectiveAddress, checks[2].Problem);
    }

    [Fact]
    public void Resolve_PortIndexOutsideTheTaskPorts_ReportsNoEffectivePort()
    {
        var check = HealthTargets.Resolve(4, new HealthCheck { PortIndex = 2 }, [new TaskPortAssignment("a", "h", 1)], "h");

        Assert.Equal(new TaskHealthCheck(4, TimeSpan.FromSeconds(60), null, HealthTargets.NoEffectivePort), check);
    }

    [Fact]
    public void BuildUrl_Ipv6Address_IsBracketed() =>
        Assert.Equal("http://[fd00::7]:8080/x", HealthProbeTarget.BuildUrl("http", "fd00::7", 8080, "/x")!.ToString());

    [Fact]
    public void ForReadiness_FindsThePortByName()
    {
        var app = Apps.Parse(HostApp);

        var target = HealthTargets.ForReadiness("web.1", app, new TaskAddresses("agent-1", [31000, 31001]));

        Assert.NotNull(target);
        Assert.Equal(new Uri("https://agent-1:31000/ready"), target.Url);
        Assert.Equal(("warm", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), true), (target.Name, target.Interval, target.Timeout, target.PreserveLastResponse));
        Assert.True(target.ReadyStatusCodes.SetEquals([200, 204]));
        Assert.Null(target.Problem);
    }

    [Fact]
    public void ForReadiness_NoCheckOrUnreachablePort()
    {
        Assert.Null(HealthTargets.ForReadiness("c.1", Apps.Parse(ContainerApp), new TaskAddresses("a", [])));

        var target = HealthTargets.ForReadiness("web.1", Apps.Parse(HostApp), new TaskAddresses("agent-1", []));
        Assert.Null(target!.Url);
        Assert.Equal("the port named 'http' has no reachable address", target.Problem);
    }
}
