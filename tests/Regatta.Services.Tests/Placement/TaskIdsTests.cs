using Regatta.Services.Placement;

namespace Regatta.Services.Tests.Placement;

public class TaskIdsTests
{
    [Fact]
    public void Create_NestedApp_ClassicForm()
    {
        var id = TaskIds.Create("/prod/web", Guid.Parse("802df2ae-3ad4-11e4-a400-56847afe9799"));

        Assert.Equal("prod_web.802df2ae-3ad4-11e4-a400-56847afe9799", id);
    }

    [Theory]
    [InlineData("toggle.802df2ae-3ad4-11e4-a400-56847afe9799", "/toggle")]
    [InlineData("prod_web.802df2ae-3ad4-11e4-a400-56847afe9799", "/prod/web")]
    [InlineData("my.dotted.app.802df2ae-3ad4-11e4-a400-56847afe9799", "/my.dotted.app")]
    [InlineData("web.instance-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002._app.1", "/web")]
    [InlineData("a_b.instance-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002._app.42", "/a/b")]
    [InlineData("pod.instance-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002.nginx", "/pod")]
    [InlineData("old.marathon-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002.ct", "/old")]
    [InlineData("db.802df2ae-3ad4-11e4-a400-56847afe9799.3", "/db")]
    [InlineData("legacy_802df2ae", "/legacy")]
    public void TryParseAppId_AllMarathonForms(string taskId, string appId)
    {
        Assert.True(TaskIds.TryParseAppId(taskId, out var parsed));
        Assert.Equal(appId, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("nodelimiter")]
    [InlineData(".")]
    public void TryParseAppId_Garbage_False(string? taskId)
    {
        Assert.False(TaskIds.TryParseAppId(taskId, out _));
    }

    [Fact]
    public void Create_ThenParse_RoundTrips()
    {
        var id = TaskIds.Create("/a/b.c/d", new Guid(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));

        Assert.True(TaskIds.TryParseAppId(id, out var appId));
        Assert.Equal("/a/b.c/d", appId);
    }
}
