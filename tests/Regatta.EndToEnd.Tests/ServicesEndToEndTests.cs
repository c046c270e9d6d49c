using System.Text.Json;
using static Regatta.EndToEnd.Tests.TestCluster;

using Task = System.Threading.Tasks.Task;

namespace Regatta.EndToEnd.Tests;

/// <summary>The services scheduler (Marathon API) on a real master and agent, as the walkthroughs use it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ServicesEndToEndTests
{
    private const string HelloCmd = "while [ true ];do sleep 5;echo 'hello mesos' ;done";

    [Fact]
    public async Task Walkthrough_TwoInstancesPrint_ScaleToThree_KilledTaskIsReplaced()
    {
        await using var cluster = await StartAsync();
        var (status, created) = await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps",
            $$"""{"id":"/hello","cmd":{{JsonSerializer.Serialize(HelloCmd)}},"cpus":0.1,"mem":32,"instances":2}""");
        Assert.Equal(201, status);
        Assert.Equal("/hello", created.GetProperty("id").GetString());

        var tasks = await RunningTasksAsync(cluster, "/hello", 2);
        var sandboxOutput = await SandboxStdoutAsync(cluster, tasks[0].GetProperty("id").GetString()!);
        Assert.Contains("hello mesos", sandboxOutput, StringComparison.Ordinal);

        var (scaled, scaleBody) = await cluster.SendJsonAsync(HttpMethod.Put, cluster.ServicesUrl, "/v2/apps/hello", """{"instances":3}""");
        Assert.Equal(200, scaled);
        Assert.True(scaleBody.TryGetProperty("deploymentId", out _));
        var three = await RunningTasksAsync(cluster, "/hello", 3);

        var victim = three[0].GetProperty("id").GetString()!;
        var (killed, _) = await cluster.SendJsonAsync(HttpMethod.Delete, cluster.ServicesUrl, $"/v2/apps/hello/tasks/{victim}");
        Assert.Equal(200, killed);
        await Eventually(async () =>
        {
            var ids = (await RunningTasksAsync(cluster, "/hello", 3)).Select(t => t.GetProperty("id").GetString()).ToList();
            return !ids.Contains(victim);
        }, "the killed task is replaced");
    }

    [Fact]
    public async Task Unique_MoreInstancesThanAgents_ExtraWaitsAndQueueSaysWhy()
    {
        await using var cluster = await StartAsync();
        await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps",
            """{"id":"/uniq","cmd":"sleep 300","cpus":0.1,"mem":32,"instances":2,"constraints":[["hostname","UNIQUE"]]}""");

        await RunningTasksAsync(cluster, "/uniq", 1);
        JsonElement entry = default;
        await Eventually(async () =>
        {
            var queue = (await cluster.GetJsonAsync(cluster.ServicesUrl, "/v2/queue")).GetProperty("queue");
            if (queue.GetArrayLength() != 1)
            {
                return false;
            }

            entry = queue[0];
            return entry.GetProperty("processedOffersSummary").GetProperty("unusedOffersCount").GetInt32() > 0;
        }, "the queue shows the waiting instance with declined offers");

        Assert.Equal(1, entry.GetProperty("count").GetInt32());
        var rows = entry.GetProperty("processedOffersSummary").GetProperty("rejectSummaryLastOffers").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("reason").GetString() == "UnfulfilledConstraint" && r.GetProperty("declined").GetInt32() > 0);
        Assert.Contains(entry.GetProperty("lastUnusedOfferReasons").EnumerateArray(), r => r.GetString()!.Contains("UNIQUE", StringComparison.Ordinal));
        Assert.Single((await cluster.GetJsonAsync(cluster.ServicesUrl, "/v2/apps/uniq")).GetProperty("app").GetProperty("tasks").EnumerateArray());
    }

    [Fact]
    public async Task RollingUpgrade_NeverDropsBelowMinimumHealthCapacity_AsSeenOnTheEventStream()
    {
        await using var cluster = await StartAsync();
        await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps",
            """{"id":"/web","cmd":"sleep 300","cpus":0.1,"mem":32,"instances":3,"upgradeStrategy":{"minimumHealthCapacity":1,"maximumOverCapacity":0.34}}""");
        var running = (await RunningTasksAsync(cluster, "/web", 3)).Select(t => t.GetProperty("id").GetString()!).ToHashSet();
        await using var events = await EventStream.OpenAsync(cluster.ServicesUrl);

        var (status, update) = await cluster.SendJsonAsync(HttpMethod.Put, cluster.ServicesUrl, "/v2/apps/web", """{"cmd":"sleep 301"}""");
        Assert.Equal(200, status);
        var deploymentId = update.GetProperty("deploymentId").GetString();
        var lowest = running.Count;
        var highest = running.Count;
        await events.ReadUntilAsync(e =>
        {
            if (e.Type == "status_update_event")
            {
                var taskId = e.Data.GetProperty("taskId").GetString()!;
                if (e.Data.GetProperty("taskStatus").GetString() == "TASK_RUNNING")
                {
                    running.Add(taskId);
                }
                else
                {
                    running.Remove(taskId);
                }

                lowest = Math.Min(lowest, running.Count);
                highest = Math.Max(highest, running.Count);
            }

            return e.Type == "deployment_success" && e.Data.GetProperty("plan").GetProperty("id").GetString() == deploymentId;
        }, TimeSpan.FromSeconds(60));

        var tasks = await RunningTasksAsync(cluster, "/web", 3);
        Assert.All(tasks, t => Assert.Equal(update.GetProperty("version").GetString(), t.GetProperty("version").GetString()));
        Assert.True(lowest >= 3, $"running tasks dropped to {lowest} during the upgrade");
        Assert.True(highest <= 4, $"running tasks rose to {highest}, above maximumOverCapacity");
    }

    [Fact]
    public async Task FailingDeployment_RollsBackAutomatically_AndAnEarlierVersionCanBeRestored()
    {
        await using var cluster = await StartAsync();
        await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps",
            """{"id":"/svc","cmd":"sleep 300","cpus":0.1,"mem":32,"instances":1,"deploymentTimeoutSeconds":3}""");
        await RunningTasksAsync(cluster, "/svc", 1);
        var v1 = (await cluster.GetJsonAsync(cluster.ServicesUrl, "/v2/apps/svc")).GetProperty("app").GetProperty("version").GetString();
        await using var events = await EventStream.OpenAsync(cluster.ServicesUrl);

        // The new version never becomes healthy (nothing listens on its port), so its deployment cannot finish.
        var (status, _) = await cluster.SendJsonAsync(HttpMethod.Put, cluster.ServicesUrl, "/v2/apps/svc",
            """{"cmd":"sleep 303","healthChecks":[{"protocol":"HTTP","portIndex":0,"path":"/","gracePeriodSeconds":1,"intervalSeconds":1,"timeoutSeconds":1,"maxConsecutiveFailures":0}]}""");
        Assert.Equal(200, status);
        await events.ReadUntilAsync(e => e.Type == "deployment_failed", TimeSpan.FromSeconds(60));
        await Eventually(async () =>
        {
            var app = (await cluster.GetJsonAsync(cluster.ServicesUrl, "/v2/apps/svc")).GetProperty("app");
            return app.GetProperty("cmd").GetString() == "sleep 300" && (!app.TryGetProperty("healthChecks", out var checks) || checks.GetArrayLength() == 0)
                && app.GetProperty("deployments").GetArrayLength() == 0
                && app.GetProperty("tasksRunning").GetInt32() == 1;
        }, "the app is back on its first command with one task running", TimeSpan.FromSeconds(60));

        await cluster.SendJsonAsync(HttpMethod.Put, cluster.ServicesUrl, "/v2/apps/svc", """{"cmd":"sleep 302"}""");
        await Eventually(async () => (await cluster.GetJsonAsync(cluster.ServicesUrl, "/v2/apps/svc")).GetProperty("app").GetProperty("deployments").GetArrayLength() == 0, "the second version is deployed");
        var (rolledBack, _) = await cluster.SendJsonAsync(HttpMethod.Put, cluster.ServicesUrl, "/v2/apps/svc", $$"""{"version":"{{v1}}"}""");
        Assert.Equal(200, rolledBack);
        await Eventually(async () => (await cluster.GetJsonAsync(cluster.ServicesUrl, "/v2/apps/svc")).GetProperty("app").GetProperty("cmd").GetString() == "sleep 300", "the first version is back");
        var versions = (await cluster.GetJsonAsync(cluster.ServicesUrl, "/v2/apps/svc/versions")).GetProperty("versions");
        Assert.Contains(versions.EnumerateArray(), v => v.GetString() == v1);
    }

    [Fact]
    public async Task ServicesRestart_KeepsAppsAndTasks()
    {
        await using var cluster = await StartAsync();
        await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps", """{"id":"/kept","cmd":"sleep 300","cpus":0.1,"mem":32,"instances":2}""");
        var before = (await RunningTasksAsync(cluster, "/kept", 2)).Select(t => t.GetProperty("id").GetString()).Order().ToList();

        await cluster.RestartServicesAsync();
        await Task.Delay(1500);

        var after = (await RunningTasksAsync(cluster, "/kept", 2)).Select(t => t.GetProperty("id").GetString()).Order().ToList();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task MasterRestart_TheSchedulerResubscribesReconcilesAndKeepsDeploying()
    {
        await using var cluster = await StartAsync();
        await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps", """{"id":"/before","cmd":"sleep 300","cpus":0.1,"mem":32,"instances":1}""");
        var before = (await RunningTasksAsync(cluster, "/before", 1))[0].GetProperty("id").GetString();
        var frameworkId = (await cluster.GetJsonAsync(cluster.ServicesUrl, "/v2/info")).GetProperty("frameworkId").GetString();

        cluster.Master!.KillHard();
        await cluster.Master.DisposeAsync();
        await cluster.StartMasterAsync();
        await Eventually(async () => (await cluster.GetJsonAsync(cluster.MasterUrl, "/master/frameworks")).GetProperty("frameworks").EnumerateArray()
            .Any(f => f.GetProperty("id").GetString() == frameworkId && f.GetProperty("active").GetBoolean()), "the scheduler fails over to the new master with its id");
        await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps", """{"id":"/after","cmd":"sleep 300","cpus":0.1,"mem":32,"instances":1}""");

        await RunningTasksAsync(cluster, "/after", 1);
        Assert.Equal(before, (await RunningTasksAsync(cluster, "/before", 1))[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task BadInput_GetsMarathonsErrorShapes()
    {
        await using var cluster = await StartAsync();

        var (malformed, malformedBody) = await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps", "{\"id\":");
        var (mistyped, mistypedBody) = await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps", """{"id":"/Bad_Id","cmd":"x y","instances":-1}""");
        var (invalid, invalidBody) = await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps",
            """{"id":"/ok","cmd":"sleep 1","upgradeStrategy":{"minimumHealthCapacity":2,"maximumOverCapacity":1}}""");
        var (missing, missingBody) = await cluster.SendJsonAsync(HttpMethod.Get, cluster.ServicesUrl, "/v2/apps/nope");
        await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps", """{"id":"/dup","cmd":"sleep 300","cpus":0.1,"mem":32}""");
        var (duplicate, duplicateBody) = await cluster.SendJsonAsync(HttpMethod.Post, cluster.ServicesUrl, "/v2/apps", """{"id":"/dup","cmd":"sleep 300"}""");

        Assert.Equal(400, malformed);
        Assert.Equal("Invalid JSON", malformedBody.GetProperty("message").GetString());
        Assert.Equal(422, mistyped);
        Assert.Equal("Invalid JSON", mistypedBody.GetProperty("message").GetString());
        Assert.Contains(mistypedBody.GetProperty("details").EnumerateArray(), d => d.GetProperty("path").GetString() == "/id");
        Assert.Contains(mistypedBody.GetProperty("details").EnumerateArray(), d => d.GetProperty("path").GetString() == "/instances");
        Assert.Equal(422, invalid);
        Assert.Equal("Object is not valid", invalidBody.GetProperty("message").GetString());
        Assert.Contains(invalidBody.GetProperty("details").EnumerateArray(), d => d.GetProperty("path").GetString() == "/upgradeStrategy/minimumHealthCapacity");
        Assert.Equal(404, missing);
        Assert.Equal("App '/nope' does not exist", missingBody.GetProperty("message").GetString());
        Assert.Equal(409, duplicate);
        Assert.Equal("An app with id [/dup] already exists.", duplicateBody.GetProperty("message").GetString());
    }

    private static async Task<TestCluster> StartAsync()
    {
        var cluster = new TestCluster();
        await cluster.StartMasterAsync();
        await cluster.StartAgentAsync("cpus:4;mem:4096;disk:4096;ports:[31000-31100]");
        await cluster.StartServicesAsync();
        return cluster;
    }

    /// <summary>Waits until the app has exactly <paramref name="count"/> tasks, all TASK_RUNNING, and returns them.</summary>
    private static async Task<List<JsonElement>> RunningTasksAsync(TestCluster cluster, string appId, int count)
    {
        List<JsonElement> tasks = [];
        try
        {
            await Eventually(async () =>
            {
                tasks = [.. (await cluster.GetJsonAsync(cluster.ServicesUrl, $"/v2/apps{appId}/tasks")).GetProperty("tasks").EnumerateArray()];
                return tasks.Count == count && tasks.All(t => t.GetProperty("state").GetString() == "TASK_RUNNING");
            }, $"{count} running tasks of {appId}", TimeSpan.FromSeconds(45));
        }
        catch (TimeoutException e)
        {
            var queue = await cluster.Http.GetStringAsync(new Uri(cluster.ServicesUrl, "/v2/queue"));
            throw new TimeoutException($"{e.Message}\ntasks: {string.Join(", ", tasks)}\nqueue: {queue}\n{cluster.RecentOutput()}", e);
        }

        return tasks;
    }

    private static async Task<string> SandboxStdoutAsync(TestCluster cluster, string taskId)
    {
        string output = "";
        await Eventually(async () =>
        {
            var state = await cluster.GetJsonAsync(cluster.AgentUrl, "/state");
            var directory = state.GetProperty("frameworks").EnumerateArray()
                .SelectMany(f => f.GetProperty("executors").EnumerateArray())
                .Where(e => e.GetProperty("id").GetString() == taskId)
                .Select(e => e.GetProperty("directory").GetString())
                .FirstOrDefault();
            if (directory is null)
            {
                return false;
            }

            var read = await cluster.GetJsonAsync(cluster.AgentUrl, $"/files/read?path={Uri.EscapeDataString(directory + "/stdout")}&offset=0");
            output = read.GetProperty("data").GetString() ?? "";
            return output.Contains("hello mesos", StringComparison.Ordinal);
        }, "the task prints into its sandbox", TimeSpan.FromSeconds(30));
        return output;
    }
}
