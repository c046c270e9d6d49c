namespace Regatta.Agent.Tests.Docker;

public sealed class AgentOptionsDockerTests
{
    private static readonly AgentOptions Valid = new() { Master = "m:5050", WorkDir = "/tmp/w" };

    [Theory]
    [InlineData("docker,mesos", true)]
    [InlineData("mesos", false)]
    [InlineData("mesos, docker", true)]
    public void Validate_KnownContainerizers_AreAcceptedAndDockerIsDetected(string containerizers, bool docker)
    {
        var options = Valid with { Containerizers = containerizers };

        Assert.Empty(options.Validate());
        Assert.Equal(docker, options.DockerEnabled);
    }

    [Fact]
    public void Validate_UnknownContainerizer_NamesTheFlagAndTheName()
    {
        var error = Assert.Single((Valid with { Containerizers = "docker,rkt" }).Validate());

        Assert.Equal("--containerizers: unknown containerizer 'rkt'; known: mesos, docker", error);
    }

    [Fact]
    public void Validate_RelativeDockerSocket_NamesTheFlag()
    {
        var error = Assert.Single((Valid with { Containerizers = "docker,mesos", DockerSocket = "docker.sock" }).Validate());

        Assert.StartsWith("--docker_socket:", error, StringComparison.Ordinal);
        Assert.Equal("/var/run/docker.sock", new AgentOptions().DockerSocket);
    }
}
