using Regatta.Services.Model;

namespace Regatta.Services.Tests.Model;

/// <summary>Defaults and the port/network fitting that parsing applies (Marathon 1.8–1.10 behaviour).</summary>
public sealed class AppNormalizerTests
{
    [Fact]
    public void ParseCreate_MinimalApp_GetsMarathonDefaults()
    {
        var app = Apps.Parse("""{"id":"/x","cmd":"sleep 100"}""");

        Assert.Equal(new AppDefinition { Id = PathId.Parse("/x"), Cmd = "sleep 100" }, app);
        Assert.Equal(1, app.Cpus);
        Assert.Equal(128, app.Mem);
        Assert.Equal(0, app.Disk);
        Assert.Equal(1, app.Instances);
        Assert.Equal(1.15, app.BackoffFactor);
        Assert.Equal(300, app.MaxLaunchDelaySeconds);
        Assert.Equal(UnreachableStrategy.Enabled(0, 0), app.UnreachableStrategy);
        Assert.Equal(new UpgradeStrategy(1, 1), app.UpgradeStrategy);
        Assert.Equal([new PortDefinition { Port = 0, Name = "default", Protocol = "tcp" }], app.PortDefinitions);
        Assert.Equal([new Network(NetworkMode.Host)], app.Networks);
        Assert.Equal(600, app.DeploymentTimeoutSeconds);
        Assert.Null(app.Version);
    }

    [Fact]
    public void ParseCreate_RelativeId_ResolvedAgainstBasePath()
    {
        var app = Apps.Parse("""{"id":"web/../api","cmd":"sleep 100"}""", AppParseOptions.Default with { BasePath = PathId.Parse("/prod") });

        Assert.Equal(PathId.Parse("/prod/api"), app.Id);
    }

    [Fact]
    public void ParseCreate_RelativeDependencies_ResolvedAgainstAppsGroup()
    {
        var app = Apps.Parse("""{"id":"/shop/web","cmd":"sleep 100","dependencies":["db","../infra/cache","/abs"]}""");

        Assert.Equal([PathId.Parse("/shop/db"), PathId.Parse("/infra/cache"), PathId.Parse("/abs")], app.Dependencies);
    }

    [Fact]
    public void ParseCreate_PortMappingsWithoutNetworks_DroppedForHostNetworking()
    {
        var app = Apps.Parse("""
            {"id":"/x","container":{"docker":{"image":"nginx"},"portMappings":[{"containerPort":80}]}}
            """);

        Assert.Empty(app.Container!.PortMappings);
        Assert.Equal([AppDefaults.PortDefinition], app.PortDefinitions);
    }

    [Fact]
    public void ParseCreate_BridgeWithoutContainer_GetsMesosContainerWithDefaultMapping()
    {
        var app = Apps.Parse("""{"id":"/x","cmd":"sleep 1","networks":[{"mode":"container/bridge"}],"requirePorts":true}""");

        Assert.Equal(ContainerType.Mesos, app.Container!.Type);
        Assert.Equal([new PortMapping { ContainerPort = 0, HostPort = 0, Name = "default" }], app.Container.PortMappings);
        Assert.Empty(app.PortDefinitions);
        Assert.False(app.RequirePorts);
    }

    [Fact]
    public void ParseCreate_ContainerNetworkMappingWithoutHostPort_KeepsNoHostPort()
    {
        var app = Apps.Parse("""
            {"id":"/x","cmd":"sleep 1","networks":[{"mode":"container","name":"dcos"}],
             "container":{"type":"MESOS","portMappings":[{"containerPort":80}]}}
            """);

        Assert.Null(app.Container!.PortMappings[0].HostPort);
    }

    [Fact]
    public void ParseCreate_ExplicitEmptyPortLists_MeanNoPorts()
    {
        var host = Apps.Parse("""{"id":"/x","cmd":"sleep 1","portDefinitions":[]}""");
        var bridge = Apps.Parse("""{"id":"/y","cmd":"sleep 1","networks":[{"mode":"container/bridge"}],"container":{"type":"MESOS","portMappings":[]}}""");

        Assert.Empty(host.PortDefinitions);
        Assert.Empty(bridge.Container!.PortMappings);
    }

    [Fact]
    public void ParseCreate_MorePortDefinitionsThanMappingsUnderBridge_AddsMappings()
    {
        var app = Apps.Parse("""
            {"id":"/x","cmd":"sleep 1","networks":[{"mode":"container/bridge"}],"portDefinitions":[{"port":0},{"port":0},{"port":0}],
             "container":{"docker":{"image":"nginx"},"portMappings":[{"containerPort":80,"name":"http"}]}}
            """);

        Assert.Equal(3, app.Container!.PortMappings.Count);
        Assert.Equal(new PortMapping { HostPort = 0 }, app.Container.PortMappings[2]);
        Assert.Empty(app.PortDefinitions);
    }

    [Fact]
    public void ParseCreate_HealthCheckWithoutPort_GetsPortIndexZeroWhenAppHasPorts()
    {
        var app = Apps.Parse("""{"id":"/x","cmd":"sleep 1","healthChecks":[{"protocol":"TCP","path":"/x"},{"protocol":"COMMAND","command":{"value":"true"},"portIndex":3}]}""");

        Assert.Equal(0, app.HealthChecks[0].PortIndex);
        Assert.Null(app.HealthChecks[0].Path);
        Assert.Null(app.HealthChecks[1].PortIndex);
    }

    [Fact]
    public void ParseCreate_ConstraintOperator_UpperCased()
    {
        var app = Apps.Parse("""{"id":"/x","cmd":"sleep 1","constraints":[["hostname","unique"],["rack","group_by","2"]]}""");

        Assert.Equal([["hostname", "UNIQUE"], ["rack", "GROUP_BY", "2"]], app.Constraints);
    }

    [Fact]
    public void ParseCreate_UnnamedContainerNetwork_TakesDefaultNetworkName()
    {
        var app = Apps.Parse(
            """{"id":"/x","cmd":"sleep 1","networks":[{"mode":"container"}]}""",
            AppParseOptions.Default with { DefaultNetworkName = "dcos" });

        Assert.Equal([new Network(NetworkMode.Container, "dcos")], app.Networks);
    }

    [Fact]
    public void ParseCreate_TolerantInputs_Accepted()
    {
        // Nulls count as absent, integral numbers may carry a fraction, unknown fields are ignored,
        // a repeated key keeps its last value, and Regatta's own output may be posted back.
        var app = Apps.Parse("""
            {"id":"/x","cmd":null,"args":["sleep","1"],"instances":2.0,"tasksRunning":3,"unknown":{"a":[1]},
             "mem":1,"mem":64,"fetch":[{"uri":"http://e/x","outputFile":"y"}],"deployments":[]}
            """);

        Assert.Null(app.Cmd);
        Assert.Equal(2, app.Instances);
        Assert.Equal(64, app.Mem);
        Assert.Equal("y", app.Fetch[0].OutputFile);
    }

    [Fact]
    public void ParseCreate_ReadinessCheckDefaults_FilledIn()
    {
        var app = Apps.Parse("""{"id":"/x","cmd":"sleep 1","portDefinitions":[{"port":0,"name":"http-api"}],"readinessChecks":[{}]}""");

        Assert.Equal(new ReadinessCheck(), app.ReadinessChecks[0]);
        Assert.Equal([200], app.ReadinessChecks[0].HttpStatusCodesForReady);
    }

    [Fact]
    public void ParseCreate_RoleAndUnreachableDisabled_Read()
    {
        var app = Apps.Parse(
            """{"id":"/x","cmd":"sleep 1","role":"dev","unreachableStrategy":"disabled","acceptedResourceRoles":["dev","*"]}""",
            AppParseOptions.Default with { ValidRoles = new HashSet<string> { "*", "dev" } });

        Assert.Equal("dev", app.Role);
        Assert.False(app.UnreachableStrategy.IsEnabled);
        Assert.Equal(["dev", "*"], app.AcceptedResourceRoles!.Value);
    }

    [Fact]
    public void ParseCreate_DefaultRoleOption_AppliesWhenRoleMissing()
    {
        var app = Apps.Parse("""{"id":"/x","cmd":"sleep 1"}""", AppParseOptions.Default with { DefaultRole = "marathon" });

        Assert.Equal("marathon", app.Role);
    }
}
