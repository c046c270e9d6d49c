using System.Text.Json.Nodes;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Groups;

/// <summary>
/// The groups routes against a real <see cref="ServicesHost"/> (its master unreachable: apps are stored, deployments
/// of apps with instances stay pending, which is what the lock tests need).
/// </summary>
public sealed class GroupsApiTests : IAsyncLifetime
{
    private ServicesServer server = null!;

    public async Task InitializeAsync() => server = await ServicesServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Get_Root_WithoutAnything_IsTheEmptyRootGroup()
    {
        var reply = await server.ExpectAsync(HttpMethod.Get, "/v2/groups", null, 200);

        Assert.Equal(
            """{"id":"/","apps":[],"pods":[],"groups":[],"dependencies":[],"version":"1970-01-01T00:00:00.000Z","enforceRole":false}""",
            reply.Body);
    }

    [Fact]
    public async Task Get_UnknownGroup_Is404()
    {
        var reply = await server.ExpectAsync(HttpMethod.Get, "/v2/groups/nope/deeper", null, 404);

        Assert.Equal("""{"message":"Group '/nope/deeper' does not exist"}""", reply.Body);
    }

    [Fact]
    public async Task Post_Tree_CreatesNestedGroupsWithRelativeIds()
    {
        var reply = await server.ExpectAsync(HttpMethod.Post, "/v2/groups", Golden.Groups.Read("product.request.json"), 201);

        var deploymentId = (string)reply.Node["deploymentId"]!;
        Assert.Equal(deploymentId, reply.Header("Marathon-Deployment-Id"));
        Assert.Equal("/v2/groups/product", reply.Header("Location"));

        var product = (await server.ExpectAsync(HttpMethod.Get, "/v2/groups/product", null, 200)).Node;
        Assert.Equal(["/product/frontend"], Ids(product["apps"]));
        Assert.Equal(["/product/database", "/product/service"], Ids(product["groups"]));
        var database = product["groups"]![0]!;
        Assert.Equal(["/product/database/mongo", "/product/database/mysql"], Ids(database["apps"]));
        var service = product["groups"]![1]!;
        Assert.Equal(["/product/database"], service["dependencies"]!.AsArray().Select(d => (string?)d));
        var rails = service["apps"]![0]!;
        Assert.Equal(["/product/database/mysql"], rails["dependencies"]!.AsArray().Select(d => (string?)d));
        Assert.Null(rails["tasksRunning"]);
        Assert.Equal((string)reply.Node["version"]!, (string)product["version"]!);
        Assert.False((bool)product["enforceRole"]!);

        var root = (await server.ExpectAsync(HttpMethod.Get, "/v2/groups", null, 200)).Node;
        Assert.Equal(["/product"], Ids(root["groups"]));
        var apps = (await server.ExpectAsync(HttpMethod.Get, "/v2/apps", null, 200)).Node["apps"];
        Assert.Equal(4, apps!.AsArray().Count);
    }

    [Fact]
    public async Task Post_WithUrlPath_ResolvesTheBodyIdAgainstIt()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups/prod", """{"id":"eu","apps":[{"id":"web","cmd":"sleep 1","instances":0}]}""", 201);

        var eu = (await server.ExpectAsync(HttpMethod.Get, "/v2/groups/prod/eu", null, 200)).Node;
        Assert.Equal(["/prod/eu/web"], Ids(eu["apps"]));
    }

    [Fact]
    public async Task Post_ExistingGroup_Is409()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/g"}""", 201);

        var reply = await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/g"}""", 409);
        var root = await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"apps":[]}""", 409);

        Assert.Equal("""{"message":"Group /g is already created. Use PUT to change this group."}""", reply.Body);
        Assert.Equal("""{"message":"Group / is already created. Use PUT to change this group."}""", root.Body);
    }

    [Fact]
    public async Task Post_GroupWhereAnAppIs_Is409()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/apps", """{"id":"/svc","cmd":"sleep 1","instances":0}""", 201);

        var reply = await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/svc"}""", 409);

        Assert.Equal("""{"message":"An app with the path /svc already exists."}""", reply.Body);
    }

    [Fact]
    public async Task PostApp_WhereAnEmptyGroupIs_Is409()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/folder"}""", 201);

        var reply = await server.ExpectAsync(HttpMethod.Post, "/v2/apps", """{"id":"/folder","cmd":"sleep 1"}""", 409);

        Assert.Equal("""{"message":"A group with id [/folder] already exists."}""", reply.Body);
    }

    [Fact]
    public async Task Post_AppOutsideTheGroup_Is422WithTheHint()
    {
        var reply = await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/group","apps":[{"id":"/app","cmd":"sleep 1"}]}""", 422);

        Assert.Equal(
            """{"message":"Object is not valid","details":[{"path":"/apps(0)/id","errors":["identifier /app is not child of /group. Hint: use relative paths."]}]}""",
            reply.Body);
        await server.ExpectAsync(HttpMethod.Get, "/v2/groups/group", null, 404);
    }

    [Fact]
    public async Task Post_EmptyGroup_ExistsAndSurvivesARestart()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/empty","dependencies":["/db"]}""", 201);

        await server.RestartAsync();

        var empty = (await server.ExpectAsync(HttpMethod.Get, "/v2/groups/empty", null, 200)).Node;
        Assert.Empty(empty["apps"]!.AsArray());
        Assert.Equal(["/db"], empty["dependencies"]!.AsArray().Select(d => (string?)d));
        Assert.Equal(["/empty"], Ids((await server.GetAsync("/v2/groups")).Node["groups"]));
    }

    [Fact]
    public async Task Put_AppsAndGroupsGiven_RemovesTheMissingChildren()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", Golden.Groups.Read("product.request.json"), 201);

        await server.ExpectAsync(
            HttpMethod.Put,
            "/v2/groups/product",
            """{"apps":[{"id":"frontend","cmd":"node server.js","instances":0}],"groups":[{"id":"database","apps":[{"id":"mysql","cmd":"mysqld","instances":0}]}]}""",
            200);

        var product = (await server.ExpectAsync(HttpMethod.Get, "/v2/groups/product", null, 200)).Node;
        Assert.Equal(["/product/database"], Ids(product["groups"]));
        Assert.Equal(["/product/database/mysql"], Ids(product["groups"]![0]!["apps"]));
        await server.ExpectAsync(HttpMethod.Get, "/v2/apps/product/database/mongo", null, 404);
        await server.ExpectAsync(HttpMethod.Get, "/v2/apps/product/service/rails", null, 404);
        await server.ExpectAsync(HttpMethod.Get, "/v2/groups/product/service", null, 404);
    }

    [Fact]
    public async Task Put_ListsAbsent_KeepsAppsAndChangesDependencies()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/g","apps":[{"id":"a","cmd":"sleep 1","instances":0}]}""", 201);

        await server.ExpectAsync(HttpMethod.Put, "/v2/groups/g", """{"dependencies":["/db"]}""", 200);

        var group = (await server.GetAsync("/v2/groups/g")).Node;
        Assert.Equal(["/g/a"], Ids(group["apps"]));
        Assert.Equal(["/db"], group["dependencies"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public async Task Put_UnknownGroup_CreatesIt()
    {
        await server.ExpectAsync(HttpMethod.Put, "/v2/groups/new/one", """{"apps":[{"id":"a","cmd":"sleep 1","instances":0}]}""", 200);

        Assert.Equal(["/new/one/a"], Ids((await server.GetAsync("/v2/groups/new/one")).Node["apps"]));
    }

    [Fact]
    public async Task Put_ScaleBy_MultipliesEveryAppBelowRoundingUp()
    {
        await server.ExpectAsync(
            HttpMethod.Post,
            "/v2/groups",
            """{"id":"/s","apps":[{"id":"one","cmd":"sleep 1","instances":1}],"groups":[{"id":"sub","apps":[{"id":"three","cmd":"sleep 1","instances":3}]}]}""",
            201);

        await server.ExpectAsync(HttpMethod.Put, "/v2/groups/s?force=true", """{"scaleBy":1.5}""", 200);

        Assert.Equal(2, Instances((await server.GetAsync("/v2/apps/s/one")).Node["app"]));
        Assert.Equal(5, Instances((await server.GetAsync("/v2/apps/s/sub/three")).Node["app"]));
    }

    [Fact]
    public async Task Put_ScaleByOfUnknownGroup_Is404()
    {
        var reply = await server.ExpectAsync(HttpMethod.Put, "/v2/groups/ghost", """{"scaleBy":2}""", 404);

        Assert.Equal("""{"message":"Group '/ghost' does not exist"}""", reply.Body);
    }

    [Fact]
    public async Task Put_DryRun_ReturnsTheStepsAndChangesNothing()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/d","apps":[{"id":"old","cmd":"sleep 1","instances":0}]}""", 201);

        var reply = await server.ExpectAsync(
            HttpMethod.Put,
            "/v2/groups/d?dryRun=true",
            """{"apps":[{"id":"db","cmd":"sleep 1","instances":1},{"id":"web","cmd":"sleep 1","instances":1,"dependencies":["db"]}]}""",
            200);

        Assert.Equal(
            """{"steps":[{"actions":[{"action":"StopApplication","app":"/d/old"}]},{"actions":[{"action":"StartApplication","app":"/d/db"},{"action":"StartApplication","app":"/d/web"}]},{"actions":[{"action":"ScaleApplication","app":"/d/db"}]},{"actions":[{"action":"ScaleApplication","app":"/d/web"}]}]}""",
            reply.Body);
        Assert.Null(reply.Header("Marathon-Deployment-Id"));
        Assert.Equal(["/d/old"], Ids((await server.GetAsync("/v2/groups/d")).Node["apps"]));
        Assert.Empty((await server.GetAsync("/v2/deployments")).Node.AsArray());
    }

    [Fact]
    public async Task Post_GroupDependencies_OrderTheStepsOfEveryAppInTheGroup()
    {
        const string Product = """
            {"id":"/shop","groups":[
              {"id":"db","apps":[{"id":"mysql","cmd":"sleep 1","instances":1}]},
              {"id":"web","dependencies":["/shop/db"],"apps":[{"id":"rails","cmd":"sleep 1","instances":1},{"id":"nginx","cmd":"sleep 1","instances":1}]}]}
            """;

        var dryRun = await server.ExpectAsync(HttpMethod.Put, "/v2/groups/shop?dryRun=true", Product, 200);
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", Product, 201);
        var deployment = Assert.Single((await server.GetAsync("/v2/deployments")).Node.AsArray())!;
        await server.RestartAsync();
        var recovered = Assert.Single((await server.GetAsync("/v2/deployments")).Node.AsArray())!;

        Assert.Equal(
            """{"steps":[{"actions":[{"action":"StartApplication","app":"/shop/db/mysql"},{"action":"StartApplication","app":"/shop/web/nginx"},{"action":"StartApplication","app":"/shop/web/rails"}]},{"actions":[{"action":"ScaleApplication","app":"/shop/db/mysql"}]},{"actions":[{"action":"ScaleApplication","app":"/shop/web/nginx"},{"action":"ScaleApplication","app":"/shop/web/rails"}]}]}""",
            dryRun.Body);
        Assert.Equal(3, deployment["totalSteps"]!.GetValue<int>());
        Assert.Equal(
            ["/shop/db/mysql"],
            deployment["steps"]![1]!["actions"]!.AsArray().Select(a => (string?)a!["app"]));
        Assert.Equal(deployment["steps"]!.ToJsonString(), recovered["steps"]!.ToJsonString());
    }

    [Fact]
    public async Task Put_Version_RollsTheGroupBack()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/r","apps":[{"id":"a","cmd":"echo first","instances":0}]}""", 201);
        var first = (string)(await server.GetAsync("/v2/groups/r")).Node["version"]!;
        await Task.Delay(5);
        await server.ExpectAsync(
            HttpMethod.Put, "/v2/groups/r", """{"apps":[{"id":"a","cmd":"echo second","instances":0},{"id":"b","cmd":"sleep 1","instances":0}]}""", 200);
        var versions = (await server.ExpectAsync(HttpMethod.Get, "/v2/groups/r/versions", null, 200)).Node.AsArray().Select(v => (string?)v).ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal(first, versions[1]);

        await Task.Delay(5);
        var reply = await server.ExpectAsync(HttpMethod.Put, "/v2/groups/r", $$"""{"version":"{{first}}"}""", 200);

        var group = (await server.GetAsync("/v2/groups/r")).Node;
        Assert.Equal(["/r/a"], Ids(group["apps"]));
        Assert.Equal("echo first", (string?)group["apps"]![0]!["cmd"]);
        Assert.Equal((string)reply.Node["version"]!, (string)group["version"]!);
        var then = (await server.ExpectAsync(HttpMethod.Get, $"/v2/groups/r/versions/{first}", null, 200)).Node;
        Assert.Equal(["/r/a"], Ids(then["apps"]));
    }

    [Fact]
    public async Task Put_VersionTheGroupNeverHad_Is422()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/r","apps":[{"id":"a","cmd":"sleep 1","instances":0}]}""", 201);

        var reply = await server.ExpectAsync(HttpMethod.Put, "/v2/groups/r", """{"version":"2001-01-01T00:00:00.000Z"}""", 422);

        Assert.Equal("""{"message":"Group /r not available in version 2001-01-01T00:00:00.000Z"}""", reply.Body);
    }

    [Fact]
    public async Task Put_InvalidNestedApp_Is422AtItsPath()
    {
        var reply = await server.ExpectAsync(HttpMethod.Put, "/v2/groups/v", """{"apps":[{"id":"ok","cmd":"sleep 1"},{"id":"bad","cmd":"sleep 1","instances":-1}]}""", 422);

        Assert.Equal("""{"message":"Invalid JSON","details":[{"path":"/apps(1)/instances","errors":["error.min"]}]}""", reply.Body);
    }

    [Fact]
    public async Task Put_LockedByARunningDeployment_Is409UnlessForced()
    {
        var created = await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/l","apps":[{"id":"a","cmd":"sleep 1","instances":1}]}""", 201);
        var running = (string)created.Node["deploymentId"]!;

        var locked = await server.ExpectAsync(HttpMethod.Put, "/v2/groups/l", """{"apps":[{"id":"a","cmd":"sleep 2","instances":1}]}""", 409);
        Assert.Equal(running, (string?)locked.Node["deployments"]![0]!["id"]);
        Assert.StartsWith("App is locked by one or more deployments.", (string?)locked.Node["message"], StringComparison.Ordinal);

        var forced = await server.ExpectAsync(HttpMethod.Put, "/v2/groups/l?force=true", """{"apps":[{"id":"a","cmd":"sleep 2","instances":1}]}""", 200);
        var deployments = (await server.GetAsync("/v2/deployments")).Node.AsArray();
        Assert.Equal([(string?)forced.Node["deploymentId"]], deployments.Select(d => (string?)d!["id"]));
    }

    [Fact]
    public async Task Patch_TopLevelGroup_AcceptsOnlyEnforceRoleFalse()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/top/sub"}""", 201);

        await server.ExpectAsync(HttpMethod.Patch, "/v2/groups/top", """{"enforceRole":false}""", 200);
        var enforce = await server.ExpectAsync(HttpMethod.Patch, "/v2/groups/top", """{"enforceRole":true}""", 422);
        var nested = await server.ExpectAsync(HttpMethod.Patch, "/v2/groups/top/sub", "{}", 422);
        var unknown = await server.ExpectAsync(HttpMethod.Patch, "/v2/groups/ghost", "{}", 404);

        Assert.Equal(
            """{"message":"Object is not valid","details":[{"path":"/enforceRole","errors":["enforceRole is not supported: apps run under the role they name or --mesos_role"]}]}""",
            enforce.Body);
        Assert.Equal("""{"message":"Object is not valid","details":[{"path":"/","errors":["Path needs to be top-level"]}]}""", nested.Body);
        Assert.Equal("""{"message":"Group '/ghost' does not exist"}""", unknown.Body);
    }

    [Fact]
    public async Task Delete_Group_RemovesEverythingBelow()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", Golden.Groups.Read("product.request.json"), 201);
        await server.ExpectAsync(HttpMethod.Post, "/v2/apps", """{"id":"/keep","cmd":"sleep 1","instances":0}""", 201);

        var reply = await server.ExpectAsync(HttpMethod.Delete, "/v2/groups/product", null, 200);

        Assert.Equal((string)reply.Node["deploymentId"]!, reply.Header("Marathon-Deployment-Id"));
        await server.ExpectAsync(HttpMethod.Get, "/v2/groups/product", null, 404);
        Assert.Equal(["/keep"], Ids((await server.GetAsync("/v2/apps")).Node["apps"]));
    }

    [Fact]
    public async Task Delete_UnknownGroup_Is404()
    {
        var reply = await server.ExpectAsync(HttpMethod.Delete, "/v2/groups/ghost", null, 404);

        Assert.Equal("""{"message":"Group '/ghost' does not exist"}""", reply.Body);
    }

    [Fact]
    public async Task Get_Embed_ChoosesWhatGroupsAndAppsCarry()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", Golden.Groups.Read("product.request.json"), 201);

        var counts = (await server.GetAsync("/v2/groups/product?embed=group.apps&embed=group.apps.counts&embed=group.apps.deployments")).Node;
        var appsOnly = (await server.GetAsync("/v2/groups/product?embed=group.apps")).Node;
        var groupsOnly = (await server.GetAsync("/v2/groups/product?embed=group.groups")).Node;

        Assert.Equal(0, (int)counts["apps"]![0]!["tasksRunning"]!);
        Assert.NotNull(counts["apps"]![0]!["deployments"]);
        Assert.Empty(counts["groups"]!.AsArray());
        Assert.Single(appsOnly["apps"]!.AsArray());
        Assert.Null(appsOnly["apps"]![0]!["tasksRunning"]);
        Assert.Empty(groupsOnly["apps"]!.AsArray());
        Assert.Equal(2, groupsOnly["groups"]!.AsArray().Count);
        Assert.Empty(groupsOnly["groups"]![0]!["apps"]!.AsArray());

        var tasks = (await server.GetAsync("/v2/groups/product?embed=group.apps&embed=group.apps.tasks")).Node["apps"]![0]!;
        Assert.Empty(tasks["tasks"]!.AsArray());
        Assert.Empty(tasks["deployments"]!.AsArray());
        Assert.Null(tasks["tasksRunning"]);
    }

    [Fact]
    public async Task GetApps_ListsEveryAppBelowTheGroup()
    {
        await server.ExpectAsync(HttpMethod.Post, "/v2/groups", Golden.Groups.Read("product.request.json"), 201);

        var apps = (await server.ExpectAsync(HttpMethod.Get, "/v2/groups/product/database/apps", null, 200)).Node;
        var unknown = await server.ExpectAsync(HttpMethod.Get, "/v2/groups/ghost/apps", null, 200);

        Assert.Equal(["/product/database/mongo", "/product/database/mysql"], Ids(apps));
        Assert.Equal("[]", unknown.Body);
    }

    [Fact]
    public async Task GetVersions_UnknownGroup_Is404()
    {
        var reply = await server.ExpectAsync(HttpMethod.Get, "/v2/groups/ghost/versions", null, 404);

        Assert.Equal("""{"message":"Group '/ghost' does not exist"}""", reply.Body);
    }

    [Fact]
    public async Task Post_PublishesGroupChangeSuccess()
    {
        using var events = await server.OpenEventsAsync("?event_type=group_change_success");

        var created = await server.ExpectAsync(HttpMethod.Post, "/v2/groups", """{"id":"/ev"}""", 201);

        var data = await ServicesServer.ReadEventDataAsync(events, "group_change_success");
        Assert.Equal("/ev", (string?)data["groupId"]);
        Assert.Equal((string?)created.Node["version"], (string?)data["version"]);
    }

    private static IEnumerable<string?> Ids(JsonNode? list) => list!.AsArray().Select(item => (string?)item!["id"]);

    private static int Instances(JsonNode? app) => (int)app!["instances"]!;
}
