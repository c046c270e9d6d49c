using System.Text;
using Regatta.Services.Http;
using Regatta.Services.Model;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Groups;

/// <summary><c>PUT /v2/apps</c> and <c>PATCH /v2/apps</c> with arrays: parsing, and the routes on a real host.</summary>
public sealed class AppsBulkApiTests : IAsyncLifetime
{
    private ServicesServer server = null!;

    public async Task InitializeAsync() => server = await ServicesServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("""{"id":"/a"}""", true, """{"message":"Invalid JSON","details":[{"path":"/","errors":["error.expected.jsarray"]}]}""")]
    [InlineData("""[{"id":"/a","instances":"2"},{"cmd":"sleep 1"}]""", true, """{"message":"Invalid JSON","details":[{"path":"(0)/instances","errors":["error.expected.jsnumber"]},{"path":"(1)/id","errors":["error.path.missing"]}]}""")]
    [InlineData("""[{"id":"/a","cmd":"sleep 1"},{"id":"/b"}]""", false, """{"message":"Object is not valid","details":[{"path":"(1)","errors":["AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'."]}]}""")]
    [InlineData("""[{"id":"/a","version":"2020-01-01T00:00:00.000Z","cmd":"x"}]""", true, """{"message":"Object is not valid","details":[{"path":"(0)","errors":["The 'version' field may only be combined with the 'id' field."]}]}""")]
    public void Parse_RefusedArray_AnswersWithIndexedPaths(string body, bool partial, string expected)
    {
        var (items, error) = AppsBulkApi.Parse(Encoding.UTF8.GetBytes(body), partial, AppParseOptions.Default);

        Assert.Null(items);
        Assert.Equal(422, error!.StatusCode);
        Assert.Equal(expected, error.ToJson());
    }

    [Fact]
    public void Parse_Partial_ResolvesIdsAgainstRoot()
    {
        var (items, error) = AppsBulkApi.Parse(Encoding.UTF8.GetBytes("""[{"id":"a/b","instances":3}]"""), true, AppParseOptions.Default);

        Assert.Null(error);
        var item = Assert.Single(items!);
        Assert.Equal("/a/b", item.Id.ToString());
        Assert.Equal(3, item.Update!.Spec.Instances);
        Assert.Null(item.Whole);
    }

    [Fact]
    public async Task Put_Array_CreatesAllInOneDeploymentWithDistinctServicePorts()
    {
        var reply = await server.ExpectAsync(
            HttpMethod.Put, "/v2/apps", """[{"id":"/bulk/one","cmd":"sleep 1"},{"id":"/bulk/two","cmd":"sleep 1"}]""", 200);

        var deploymentId = (string?)reply.Node["deploymentId"];
        Assert.Equal(deploymentId, reply.Header("Marathon-Deployment-Id"));
        var deployment = Assert.Single((await server.GetAsync("/v2/deployments")).Node.AsArray())!;
        Assert.Equal(deploymentId, (string?)deployment["id"]);
        Assert.Equal(["/bulk/one", "/bulk/two"], deployment["affectedApps"]!.AsArray().Select(a => (string?)a));
        var one = (await server.GetAsync("/v2/apps/bulk/one")).Node["app"]!;
        var two = (await server.GetAsync("/v2/apps/bulk/two")).Node["app"]!;
        Assert.NotEqual((int)one["portDefinitions"]![0]!["port"]!, (int)two["portDefinitions"]![0]!["port"]!);
    }

    [Fact]
    public async Task Put_PartialUpdate_KeepsOtherFields_FullReplacementResetsThem()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/apps", """{"id":"/p","cmd":"sleep 1","instances":0,"labels":{"a":"b"}}""", 201);

        await server.ExpectAsync(HttpMethod.Put, "/v2/apps", """[{"id":"/p","instances":2}]""", 200);
        var patched = (await server.GetAsync("/v2/apps/p")).Node["app"]!;
        await server.ExpectAsync(HttpMethod.Put, "/v2/apps?partialUpdate=false&force=true", """[{"id":"/p","cmd":"sleep 2"}]""", 200);
        var replaced = (await server.GetAsync("/v2/apps/p")).Node["app"]!;

        Assert.Equal((2, "b"), ((int)patched["instances"]!, (string?)patched["labels"]!["a"]));
        Assert.Equal((1, 0), ((int)replaced["instances"]!, replaced["labels"]!.AsObject().Count));
        Assert.Equal("sleep 2", (string?)replaced["cmd"]);
    }

    [Fact]
    public async Task Patch_UnknownId_Is404AndChangesNothing()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/apps", """{"id":"/known","cmd":"sleep 1","instances":0}""", 201);

        var reply = await server.ExpectAsync(HttpMethod.Patch, "/v2/apps", """[{"id":"/known","instances":0,"cmd":"sleep 9"},{"id":"/unknown","instances":1}]""", 404);

        Assert.Equal("""{"message":"App '/unknown' does not exist"}""", reply.Body);
        Assert.Equal("sleep 1", (string?)(await server.GetAsync("/v2/apps/known")).Node["app"]!["cmd"]);
    }

    [Fact]
    public async Task Patch_Existing_AppliesItemsInOrder()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/apps", """{"id":"/x","cmd":"sleep 1","instances":0}""", 201);

        await server.ExpectAsync(HttpMethod.Patch, "/v2/apps", """[{"id":"/x","cmd":"sleep 5"},{"id":"x","labels":{"k":"v"}}]""", 200);

        var app = (await server.GetAsync("/v2/apps/x")).Node["app"]!;
        Assert.Equal(("sleep 5", "v"), ((string?)app["cmd"], (string?)app["labels"]!["k"]));
    }

    [Fact]
    public async Task Put_InvalidMerge_Is422WithTheItemIndex()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/apps", """{"id":"/m","cmd":"sleep 1","instances":0}""", 201);

        var reply = await server.ExpectAsync(HttpMethod.Put, "/v2/apps", """[{"id":"/ok","cmd":"sleep 1"},{"id":"/m","upgradeStrategy":{"minimumHealthCapacity":3}}]""", 422);

        Assert.Equal(
            """{"message":"Object is not valid","details":[{"path":"(1)/upgradeStrategy/minimumHealthCapacity","errors":["is greater than 1"]}]}""",
            reply.Body);
        await server.ExpectAsync(HttpMethod.Get, "/v2/apps/ok", null, 404);
    }

    [Fact]
    public async Task Put_AppWhereAGroupIs_Is422()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/grp"}""", 201);

        var reply = await server.ExpectAsync(HttpMethod.Put, "/v2/apps", """[{"id":"/grp","cmd":"sleep 1"}]""", 422);

        Assert.Contains(GroupJson.SameIdentifier, reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_PublishesGroupChangeSuccessForTheRoot()
    {
        using var events = await server.OpenEventsAsync("?event_type=group_change_success");

        await server.ExpectAsync(HttpMethod.Put, "/v2/apps", """[{"id":"/e","cmd":"sleep 1","instances":0}]""", 200);

        var data = await ServicesServer.ReadEventDataAsync(events, "group_change_success");
        Assert.Equal("/", (string?)data["groupId"]);
    }
}
