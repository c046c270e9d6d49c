using Regatta.Agent.Containerizers.Docker;
using Reason = Regatta.Protocol.V1.TaskStatus.Types.Reason;

namespace Regatta.Agent.Tests.Docker;

public sealed class DockerExitMappingTests
{
    private static DockerContainerState State(bool oom) => new("id", "mesos-c1", false, 0, 137, oom, new Dictionary<string, string>());

    [Fact]
    public void ToExit_ZeroStatus_Succeeds()
    {
        var exit = DockerExitMapping.ToExit(0, State(false), null);

        Assert.True(exit.Succeeded);
        Assert.Null(exit.Limitation);
        Assert.Equal("Container exited with status 0", exit.Describe());
    }

    [Fact]
    public void ToExit_NonZeroStatus_FailsWithTheStatus()
    {
        var exit = DockerExitMapping.ToExit(3, null, null);

        Assert.False(exit.Succeeded);
        Assert.Equal("Container exited with status 3", exit.Describe());
    }

    [Fact]
    public void ToExit_OomKilled_IsAMemoryLimitation()
    {
        var exit = DockerExitMapping.ToExit(137, State(true), 64L << 20);

        Assert.Equal(Reason.ContainerLimitationMemory, exit.Limitation!.Reason);
        Assert.Contains("64 MB", exit.Limitation.Message, StringComparison.Ordinal);
    }
}
