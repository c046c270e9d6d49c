using Regatta.Master.Http;
using Regatta.Protocol.V1;
using static Regatta.Master.Tests.Http.OperatorTestSnapshots;

namespace Regatta.Master.Tests.Http;

public sealed class LegacyTaskQueryTests
{
    private static LegacyTaskQuery Parse(params (string Name, string Value)[] query)
    {
        var result = LegacyTaskQuery.TryParse(name => query.FirstOrDefault(q => q.Name == name).Value, out var error);
        Assert.Null(error);
        return result!;
    }

    [Fact]
    public void TryParse_Empty_UsesMesosDefaults()
    {
        var query = Parse();

        Assert.Equal(new LegacyTaskQuery(null, null, 100, 0, Ascending: false), query);
    }

    [Theory]
    [InlineData("limit", "-1", "'limit'")]
    [InlineData("offset", "ten", "'offset'")]
    [InlineData("order", "sideways", "'order'")]
    public void TryParse_BadValue_NamesTheParameter(string name, string value, string expected)
    {
        var query = LegacyTaskQuery.TryParse(n => n == name ? value : null, out var error);

        Assert.Null(query);
        Assert.Contains(expected, error);
        Assert.Contains(value, error);
    }

    [Fact]
    public void Select_DefaultOrder_NewestFirstAcrossAllTaskLists()
    {
        var tasks = Parse().Select(OneOfEach());

        // First-status times: staging 300, done 200, running 100, unreachable 50.
        Assert.Equal(["t-staging", "t-done", "t-running", "t-unreachable"], tasks.Select(t => t.Task.TaskId.Value));
    }

    [Fact]
    public void Select_AscendingWithOffsetAndLimit_PagesInOrder()
    {
        var tasks = Parse(("order", "asc"), ("offset", "1"), ("limit", "2")).Select(OneOfEach());

        Assert.Equal(["t-running", "t-done"], tasks.Select(t => t.Task.TaskId.Value));
    }

    [Fact]
    public void Select_TaskWithoutStatuses_GoesLastDescendingFirstAscending()
    {
        var snapshot = OneOfEach();
        var framework = snapshot.Frameworks[0];
        var bare = Task("t-bare", TaskState.TaskStaging, 0);
        bare.Statuses.Clear();
        snapshot = snapshot with { Frameworks = [framework with { Tasks = [.. framework.Tasks, bare] }] };

        Assert.Equal("t-bare", Parse().Select(snapshot)[^1].Task.TaskId.Value);
        Assert.Equal("t-bare", Parse(("order", "asc")).Select(snapshot)[0].Task.TaskId.Value);
    }

    [Fact]
    public void Select_FrameworkAndTaskFilters_MatchExactly()
    {
        Assert.Equal(["t-done"], Parse(("task_id", "t-done")).Select(OneOfEach()).Select(t => t.Task.TaskId.Value));
        Assert.Empty(Parse(("framework_id", "other")).Select(OneOfEach()));
        Assert.Equal(4, Parse(("framework_id", FrameworkId)).Select(OneOfEach()).Count);
    }
}
