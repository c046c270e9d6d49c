using System.Text.Json;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Http;

/// <summary><c>GET /v2/apps</c> (embed, cmd=, id=, label=) and <c>GET /v2/apps/{id}</c> against a real server.</summary>
public sealed class AppsReadTests : IAsyncLifetime
{
    private ServicesServer server = null!;

    public async Task InitializeAsync()
    {
        server = await ServicesServer.StartAsync();
        await server.CreateAppAsync(Golden.Http.Read("web.request.json"));
        await server.CreateAppAsync("""{"id":"/shop/db","cmd":"postgres -D /data","labels":{"env":"stage","tier":"backend"}}""");
        await server.CreateAppAsync("""{"id":"/tools/cron","cmd":"Run-Cron --daily"}""");
        await server.CreateAppAsync("""{"id":"/tools/mailer","cmd":"mailer","labels":{"owner":"ops@example.com","note":"a b"}}""");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task List_NoEmbed_EveryAppWithCountsAndDeploymentsButNoTasks()
    {
        var reply = await server.GetAsync("/v2/apps");

        Assert.Equal(200, reply.Code);
        Assert.Equal("application/json", reply.MediaType);
        var apps = reply.Json.GetProperty("apps").EnumerateArray().ToList();
        Assert.Equal(["/shop/db", "/shop/web", "/tools/cron", "/tools/mailer"], apps.Select(a => a.GetProperty("id").GetString()));
        foreach (var app in apps)
        {
            Assert.Equal(0, app.GetProperty("tasksStaged").GetInt32());
            Assert.Equal(0, app.GetProperty("tasksRunning").GetInt32());
            Assert.Equal(0, app.GetProperty("tasksHealthy").GetInt32());
            Assert.Equal(0, app.GetProperty("tasksUnhealthy").GetInt32());
            Assert.Single(app.GetProperty("deployments").EnumerateArray());
            Assert.False(app.TryGetProperty("tasks", out _));
            Assert.False(app.TryGetProperty("lastTaskFailure", out _));
            Assert.True(app.TryGetProperty("versionInfo", out _));
        }
    }

    [Theory]
    [InlineData("embed=apps.tasks", true, false)]
    [InlineData("embed=app.tasks", true, false)]
    [InlineData("embed=group.apps.tasks", true, false)]
    [InlineData("embed=tasks", true, false)]
    [InlineData("embed=apps.failures", true, false)]
    [InlineData("embed=apps.readiness", false, true)]
    [InlineData("embed=apps.tasks&embed=apps.readiness", true, true)]
    [InlineData("embed=apps.counts", false, false)]
    [InlineData("embed=apps.deployments", false, false)]
    [InlineData("embed=apps.lastTaskFailure", false, false)]
    [InlineData("embed=apps.taskStats", false, false)]
    [InlineData("embed=nonsense", false, false)]
    public async Task List_EmbedVariants_AddTasksOrReadinessCountsAndDeploymentsAlways(string query, bool tasks, bool readiness)
    {
        var reply = await server.GetAsync("/v2/apps?" + query);

        Assert.Equal(200, reply.Code);
        foreach (var app in reply.Json.GetProperty("apps").EnumerateArray())
        {
            Assert.Equal(tasks, app.TryGetProperty("tasks", out var list));
            if (tasks)
            {
                Assert.Equal(JsonValueKind.Array, list.ValueKind);
            }

            Assert.Equal(readiness, app.TryGetProperty("readinessCheckResults", out _));
            Assert.True(app.TryGetProperty("tasksRunning", out _));
            Assert.True(app.TryGetProperty("deployments", out _));
            Assert.False(app.TryGetProperty("lastTaskFailure", out _)); // none failed yet, so absent even when embedded
        }
    }

    [Theory]
    [InlineData("cmd=HTTP.SERVER", "/shop/web")]
    [InlineData("cmd=run-cron", "/tools/cron")]
    [InlineData("cmd=nothing-like-this", "")]
    [InlineData("id=SHOP", "/shop/db,/shop/web")]
    [InlineData("id=/tools/c", "/tools/cron")]
    [InlineData("id=shop&cmd=postgres", "/shop/db")]
    public async Task List_CmdAndIdFilters_CaseInsensitiveSubstrings(string query, string expected)
    {
        Assert.Equal(expected, await IdsAsync("/v2/apps?" + query));
    }

    [Theory]
    [InlineData("env", "/shop/db,/shop/web")]
    [InlineData("env==prod", "/shop/web")]
    [InlineData("env == prod", "/shop/web")]
    [InlineData("tier!=frontend", "/shop/db")]
    [InlineData("env in (stage, prod)", "/shop/db,/shop/web")]
    [InlineData("env in(prod)", "/shop/web")]
    [InlineData("env notin (prod)", "/shop/db")]
    [InlineData("env in ()", "")]
    [InlineData("env==prod,tier==frontend", "/shop/web")]
    [InlineData("env in (stage,prod), tier notin (frontend), env", "/shop/db")]
    [InlineData("HAPROXY_GROUP==external", "/shop/web")]
    [InlineData(@"owner==ops\@example.com", "/tools/mailer")]
    [InlineData(@"note==a\ b", "/tools/mailer")]
    [InlineData("missing", "")]
    public async Task List_LabelSelector_ClausesAllMustHoldAndNeedTheLabel(string selector, string expected)
    {
        Assert.Equal(expected, await IdsAsync("/v2/apps?label=" + Uri.EscapeDataString(selector)));
    }

    [Theory]
    [InlineData("env==")]
    [InlineData("env=prod")]
    [InlineData("env in (prod")]
    [InlineData("env in (prod,)")]
    [InlineData(",env")]
    [InlineData("env,")]
    [InlineData("a b")]
    [InlineData("owner==ops@example.com")]
    public async Task List_MalformedLabelSelector_422WithMarathonsMessage(string selector)
    {
        var reply = await server.GetAsync("/v2/apps?label=" + Uri.EscapeDataString(selector));

        Assert.Equal(422, reply.Code);
        Assert.StartsWith($"Can not parse label selector {selector}. Reason: ", reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_App_AlwaysEmbedsTasksAndDeployments()
    {
        foreach (var query in new[] { "", "?embed=apps.counts", "?embed=app.readiness" })
        {
            var reply = await server.GetAsync("/v2/apps/shop/web" + query);

            Assert.Equal(200, reply.Code);
            var app = reply.Json.GetProperty("app");
            Assert.Equal("/shop/web", app.GetProperty("id").GetString());
            Assert.Empty(app.GetProperty("tasks").EnumerateArray());
            Assert.Single(app.GetProperty("deployments").EnumerateArray());
            Assert.Equal(0, app.GetProperty("tasksRunning").GetInt32());
            Assert.Equal(query.Contains("readiness", StringComparison.Ordinal), app.TryGetProperty("readinessCheckResults", out _));
        }
    }

    [Fact]
    public async Task Get_AppWithTrailingSlash_SameApp()
    {
        var reply = await server.GetAsync("/v2/apps/shop/web/");

        Assert.Equal(200, reply.Code);
        Assert.Equal("/shop/web", reply.Json.GetProperty("app").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/v2/apps/nope", "App '/nope' does not exist")]
    [InlineData("/v2/apps/shop", "App '/shop' does not exist")]
    [InlineData("/v2/apps/shop/web/extra", "App '/shop/web/extra' does not exist")]
    [InlineData("/v2/apps/nope/versions", "App '/nope' does not exist")]
    [InlineData("/v2/apps/nope/tasks", "App '/nope' does not exist")]
    [InlineData("/v2/apps/nope/*", "Group '/nope' does not exist")]
    public async Task Get_Unknown_404WithMarathonsMessage(string path, string message)
    {
        var reply = await server.GetAsync(path);

        Assert.Equal(404, reply.Code);
        Assert.Equal(message, reply.Message);
    }

    [Theory]
    [InlineData("/v2/apps/shop/*", "/shop/db,/shop/web")]
    [InlineData("/v2/apps/*", "/shop/db,/shop/web,/tools/cron,/tools/mailer")]
    public async Task Get_GroupStar_EveryAppBelowWithTasks(string path, string expected)
    {
        var reply = await server.GetAsync(path);

        Assert.Equal(200, reply.Code);
        var apps = reply.Json.GetProperty("*").EnumerateArray().ToList();
        Assert.Equal(expected, string.Join(",", apps.Select(a => a.GetProperty("id").GetString())));
        Assert.All(apps, a => Assert.Equal(JsonValueKind.Array, a.GetProperty("tasks").ValueKind));
    }

    private async Task<string> IdsAsync(string path)
    {
        var reply = await server.GetAsync(path);
        Assert.True(reply.Code == 200, reply.ToString());
        return string.Join(",", reply.Json.GetProperty("apps").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
    }
}
