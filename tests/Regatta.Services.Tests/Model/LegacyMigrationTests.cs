using Regatta.Services.Model;

namespace Regatta.Services.Tests.Model;

/// <summary>The Marathon 1.4 input forms and how they land in the 1.5+ model.</summary>
public sealed class LegacyMigrationTests
{
    [Fact]
    public void ParseCreate_Ports_BecomeUnnamedPortDefinitions()
    {
        var app = Apps.Parse("""{"id":"/x","cmd":"sleep 1","ports":[0,8080]}""");

        Assert.Equal([new PortDefinition { Port = 0 }, new PortDefinition { Port = 8080 }], app.PortDefinitions);
    }

    [Fact]
    public void ParseCreate_PortsEquivalentToPortDefinitions_Accepted()
    {
        var app = Apps.Parse("""{"id":"/x","cmd":"sleep 1","ports":[8080],"portDefinitions":[{"port":8080,"name":"http"}]}""");

        Assert.Equal("http", Assert.Single(app.PortDefinitions).Name);
    }

    [Fact]
    public void ParseCreate_Uris_BecomeFetchWithExtractByExtension()
    {
        var app = Apps.Parse("""{"id":"/x","cmd":"sleep 1","uris":["http://h/a.tgz","http://h/b.zip?x=1","http://h/c.jar","http://h/d.tar.xz"]}""");

        Assert.Equal([true, true, false, true], app.Fetch.Select(f => f.Extract));
        Assert.All(app.Fetch, f => Assert.False(f.Executable || f.Cache));
    }

    [Theory]
    [InlineData("HOST", "host")]
    [InlineData("BRIDGE", "container/bridge")]
    [InlineData("USER", "container")]
    public void ParseCreate_DockerNetwork_BecomesNetworksMode(string dockerNetwork, string mode)
    {
        var app = Apps.Parse(
            """{"id":"/x","container":{"docker":{"image":"nginx","network":"NET"}}}""".Replace("NET", dockerNetwork, StringComparison.Ordinal),
            AppParseOptions.Default with { DefaultNetworkName = "default-net" });

        Assert.Equal(mode, WireNames.Of(Assert.Single(app.Networks).Mode));
    }

    [Fact]
    public void ParseCreate_DockerPortMappings_MoveToContainerPortMappings()
    {
        var app = Apps.Parse("""
            {"id":"/x","container":{"docker":{"image":"nginx","network":"BRIDGE","portMappings":[{"containerPort":80,"servicePort":10000,"name":"http"}]}}}
            """);

        Assert.Equal([new PortMapping { ContainerPort = 80, HostPort = 0, ServicePort = 10000, Name = "http" }], app.Container!.PortMappings);
        Assert.Null(app.Container.Docker!.Parameters.FirstOrDefault());
    }

    [Fact]
    public void ParseCreate_UserNetworkWithIpAddress_TakesNameAndLabels()
    {
        var app = Apps.Parse("""
            {"id":"/x","ipAddress":{"networkName":"overlay","labels":{"a":"b"},"groups":["ignored"]},
             "container":{"docker":{"image":"nginx","network":"USER"}}}
            """);

        var network = Assert.Single(app.Networks);
        Assert.Equal(new Network(NetworkMode.Container, "overlay") { Labels = new ValueMap([new("a", "b")]) }, network);
    }

    [Fact]
    public void ParseCreate_IpAddressAlone_ImpliesMesosContainerAndMapsDiscoveryPorts()
    {
        var app = Apps.Parse("""
            {"id":"/x","cmd":"sleep 1","ipAddress":{"networkName":"overlay","discovery":{"ports":[{"number":8080,"name":"http","protocol":"tcp"}]}}}
            """);

        Assert.Equal([new Network(NetworkMode.Container, "overlay")], app.Networks);
        Assert.Equal(ContainerType.Mesos, app.Container!.Type);
        Assert.Equal([new PortMapping { ContainerPort = 8080, Name = "http" }], app.Container.PortMappings);
    }

    [Fact]
    public void ParseCreate_IpAddressNamingTheMesosBridge_MeansBridge()
    {
        var app = Apps.Parse("""{"id":"/x","cmd":"sleep 1","ipAddress":{"networkName":"mesos-bridge"}}""");

        Assert.Equal([new Network(NetworkMode.ContainerBridge)], app.Networks);
    }

    [Fact]
    public void Write_LegacyInput_HasNoLegacyFields()
    {
        var json = AppJson.Write(Apps.Parse("""
            {"id":"/x","cmd":"sleep 1","ports":[0],"uris":["http://h/a"],"container":{"docker":{"image":"i","network":"BRIDGE","portMappings":[{"containerPort":1}]}}}
            """));

        foreach (var legacy in new[] { "\"ports\"", "\"uris\"", "\"ipAddress\"", "\"network\"" })
        {
            Assert.DoesNotContain(legacy, json, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"id":"/x","cmd":"s","uris":["http://a"],"fetch":[{"uri":"http://b"}]}""", "/uris: may not be set in conjunction with fetch")]
    [InlineData("""{"id":"/x","cmd":"s","uris":["http://a b"]}""", "/uris(0): URI has invalid syntax.")]
    [InlineData("""{"id":"/x","container":{"docker":{"image":"i","network":"HOST"}},"networks":[{"mode":"host"}]}""", "/: must not specify both container.docker.network and networks")]
    [InlineData("""{"id":"/x","cmd":"s","ipAddress":{},"networks":[{"mode":"host"}]}""", "/: must not specify both networks and ipAddress")]
    [InlineData("""{"id":"/x","container":{"type":"DOCKER","docker":{"image":"i"}},"ipAddress":{"discovery":{"ports":[{"name":"a"}]}}}""", "/ipAddress: ipAddress/discovery is not allowed for Docker containers")]
    [InlineData("""{"id":"/x","container":{"docker":{"image":"i","network":"BRIDGE","portMappings":[{"containerPort":1}]},"portMappings":[{"containerPort":2}]}}""", "/container/portMappings: cannot specify both portMappings and docker.portMappings")]
    [InlineData("""{"id":"/x","container":{"type":"MESOS","docker":{"image":"i","parameters":[{"key":"a","value":"b"}]}}}""", "/container/docker/parameters: must be empty")]
    [InlineData("""{"id":"/x","container":{"type":"MESOS","docker":{"image":"i","network":"BRIDGE"}}}""", "/container/docker/network: must be empty")]
    [InlineData("""{"id":"/x","container":{"docker":{"image":"i","credential":{"principal":"p"}}}}""", "/container/docker/credential: must be empty")]
    [InlineData("""{"id":"/x","container":{"docker":{"image":"i","network":"BRIDGE","portMappings":[{"name":"a"},{"name":"a"}]}}}""", "/container/docker/portMappings: Port names must be unique.")]
    [InlineData("""{"id":"/x","container":{"type":"MESOS","portMappings":[{"containerPort":1}]},"ipAddress":{"networkName":"n","discovery":{"ports":[{"name":"a"}]}}}""", "/ipAddress/discovery/ports: container.portMappings and ipAddress.discovery.ports must not both be set")]
    public void ParseCreate_LegacyConflict_RefusedWithMarathonMessage(string json, string expected)
    {
        var error = Apps.Error(json);

        Assert.Equal(AppInputErrorKind.NotValid, error.Kind);
        Assert.Contains(expected, Apps.ErrorLines(json));
    }
}
