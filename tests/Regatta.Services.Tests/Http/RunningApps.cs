using System.Text.Json;
using Regatta.Services.Tests.Support;
using Call = Regatta.Protocol.V1.Scheduler.Call;
using TaskState = Regatta.Protocol.V1.TaskState;

namespace Regatta.Services.Tests.Http;

/// <summary>
/// A services server subscribed to a <see cref="FakeMaster"/>, with helpers that take an app's instances through
/// offers and status updates to TASK_RUNNING, as the contract tests about tasks need.
/// </summary>
internal sealed class RunningApps : IAsyncDisposable
{
    private RunningApps(FakeMaster master, ServicesServer server)
    {
        Master = master;
        Server = server;
    }

    public FakeMaster Master { get; }

    public ServicesServer Server { get; }

    public static async Task<RunningApps> StartAsync()
    {
        var master = await FakeMaster.StartAsync();
        var server = await ServicesServer.StartAsync(master.Address);
        await master.WhenSubscribedAsync();
        return new RunningApps(master, server);
    }

    /// <summary>
    /// Offers each agent once (<c>(agentId, hostname, resources)</c>) and reports every task launched from them as
    /// running; returns the launched task ids with their agents.
    /// </summary>
    public async Task<IReadOnlyList<(string TaskId, string AgentId)>> LaunchAsync(params (string AgentId, string Host, string Resources)[] offers)
    {
        var launched = new List<(string, string)>();
        foreach (var (agentId, host, resources) in offers)
        {
            var offerId = Master.Offer(agentId, host, resources);
            var accept = await Master.NextCallAsync(Call.Types.Type.Accept, c => c.Accept.OfferIds.Any(o => o.Value == offerId));
            foreach (var task in FakeMaster.Launched(accept))
            {
                Master.Update(task.TaskId.Value, agentId, TaskState.TaskRunning);
                launched.Add((task.TaskId.Value, agentId));
            }
        }

        return launched;
    }

    /// <summary>Waits until the app shows <paramref name="running"/> running tasks and no deployment.</summary>
    public Task SettledAsync(string appId, int running) => ServicesServer.EventuallyAsync(
        async () =>
        {
            var app = (await Server.GetAsync("/v2/apps" + appId)).Json.GetProperty("app");
            return app.GetProperty("tasksRunning").GetInt32() == running && app.GetProperty("deployments").GetArrayLength() == 0;
        },
        $"{appId} to run {running} tasks with no deployment");

    public async Task<List<JsonElement>> TasksAsync(string appId)
    {
        var reply = await Server.GetAsync($"/v2/apps{appId}/tasks");
        Assert.True(reply.Code == 200, reply.ToString());
        return [.. reply.Json.GetProperty("tasks").EnumerateArray()];
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Master.DisposeAsync();
    }
}
