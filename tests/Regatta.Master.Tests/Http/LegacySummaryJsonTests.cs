using Regatta.Master.Http;
using static Regatta.Master.Tests.Http.OperatorTestSnapshots;

namespace Regatta.Master.Tests.Http;

public sealed class LegacySummaryJsonTests
{
    [Fact]
    public async Task WriteAsync_OneOfEach_CountsTasksPerStateAndCrossLinksIds()
    {
        using var json = await RenderAsync(s => LegacySummaryJson.WriteAsync(s, OneOfEach()));

        var root = json.RootElement;
        Assert.Equal(["hostname", "cluster", "slaves", "frameworks"], Keys(root));
        var slave = root.GetProperty("slaves")[0];
        Assert.Equal(1, slave.GetProperty("TASK_RUNNING").GetInt32());
        Assert.Equal(1, slave.GetProperty("TASK_STAGING").GetInt32());
        Assert.Equal(1, slave.GetProperty("TASK_FINISHED").GetInt32());
        Assert.Equal(1, slave.GetProperty("TASK_UNREACHABLE").GetInt32());
        Assert.Equal(0, slave.GetProperty("TASK_KILLED").GetInt32());
        Assert.Equal([FrameworkId], slave.GetProperty("framework_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.True(slave.TryGetProperty("resources", out _));

        var framework = root.GetProperty("frameworks")[0];
        Assert.False(framework.TryGetProperty("tasks", out _));
        Assert.Equal(1, framework.GetProperty("TASK_RUNNING").GetInt32());
        Assert.Equal([AgentId], framework.GetProperty("slave_ids").EnumerateArray().Select(e => e.GetString()));
    }
}
