using Regatta.Agent.Paths;

namespace Regatta.Agent.Tests.Paths;

public class AgentPathsTests
{
    [Fact]
    public void Sandbox_FollowsTheMesosLayout()
    {
        var paths = new AgentPaths("/var/lib/regatta");

        Assert.Equal(
            "/var/lib/regatta/slaves/A-S0/frameworks/F-0000/executors/web.1/runs/c0ffee",
            paths.Sandbox("A-S0", "F-0000", "web.1", "c0ffee"));
        Assert.Equal("/var/lib/regatta/meta/slaves/latest", paths.LatestAgentPointer);
        Assert.Equal("/var/lib/regatta/meta/slaves/A-S0/slave.info", paths.AgentInfoFile("A-S0"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Sandbox_IdThatWouldEscapeItsDirectory_Throws(string bad)
    {
        var paths = new AgentPaths("/w");

        Assert.Throws<ArgumentException>(() => paths.Sandbox("A", bad, "e", "c"));
        Assert.NotNull(AgentPaths.CheckSegment(bad, "task id"));
    }

    [Fact]
    public void Contains_RejectsPathsOutsideAfterNormalisation()
    {
        var paths = new AgentPaths("/w/agent");

        Assert.True(paths.Contains("/w/agent/slaves/x"));
        Assert.True(paths.Contains("/w/agent"));
        Assert.False(paths.Contains("/w/agent/../other"));
        Assert.False(paths.Contains("/w/agent-evil/x"));
    }
}
