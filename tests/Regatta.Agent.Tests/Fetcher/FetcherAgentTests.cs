using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Paths;
using Regatta.Agent.Tests.Support;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Fetcher;

public sealed class FetcherAgentTests : IDisposable
{
    private const string FrameworkId = "F-0000";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Agent_Fetch404_FailsTheTaskWithTheReasonAndNeverStartsIt()
    {
        await using var files = await LocalHttpServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master);
        var url = files.Url("/app.tgz");

        await master.SendAsync(RunTask("t1", "touch started", url));
        var starting = await master.NextUpdateAsync();
        await master.AckAsync(starting, FrameworkId);
        var failed = await master.NextUpdateAsync();

        Assert.Equal(V1.TaskState.TaskFailed, failed.State);
        Assert.Equal(V1.TaskStatus.Types.Reason.ContainerLaunchFailed, failed.Reason);
        Assert.Contains($"Failed to fetch '{url}': 404 Not Found", failed.Message, StringComparison.Ordinal);
        var sandbox = new AgentPaths(_dir.Path).Sandbox("M-S0", FrameworkId, "t1", starting.ContainerStatus.ContainerId.Value);
        Assert.False(File.Exists(Path.Combine(sandbox, "started")));
    }

    [Fact]
    public async Task Agent_FetchedFile_IsInTheSandboxBeforeTheTaskStarts()
    {
        await using var files = await LocalHttpServer.StartAsync((context, _) => context.Response.WriteAsync("fetched-content"));
        await using var master = await FakeMaster.StartAsync();
        await using var agent = await StartAgentAsync(master);

        await master.SendAsync(RunTask("t1", "cat data.txt", files.Url("/data.txt")));
        var statuses = new List<V1.TaskStatus>();
        while (statuses.Count == 0 || statuses[^1].State is V1.TaskState.TaskStarting or V1.TaskState.TaskRunning)
        {
            var status = await master.NextUpdateAsync();
            statuses.Add(status);
            await master.AckAsync(status, FrameworkId);
        }

        Assert.Equal(V1.TaskState.TaskFinished, statuses[^1].State);
        var sandbox = new AgentPaths(_dir.Path).Sandbox("M-S0", FrameworkId, "t1", statuses[0].ContainerStatus.ContainerId.Value);
        Assert.Equal("fetched-content", await File.ReadAllTextAsync(Path.Combine(sandbox, "stdout")));
    }

    public void Dispose() => _dir.Dispose();

    private async Task<AgentHost> StartAgentAsync(FakeMaster master)
    {
        var agent = await AgentHost.StartAsync(
            master.AgentOptions(_dir.Path) with { FetcherCacheDir = Path.Combine(_dir.Path, "fetch") },
            NullLoggerFactory.Instance,
            TimeProvider.System,
            CancellationToken.None);
        await master.NextRegisterAsync();
        await master.RegisteredAsync("M-S0");
        return agent;
    }

    private static MasterMessage RunTask(string taskId, string command, string uri)
    {
        var task = new V1.TaskInfo
        {
            Name = taskId,
            TaskId = new V1.TaskID { Value = taskId },
            AgentId = new V1.AgentID { Value = "M-S0" },
            Command = new V1.CommandInfo { Value = command },
        };
        task.Command.Uris.Add(new V1.CommandInfo.Types.URI { Value = uri, Cache = true });
        return new MasterMessage
        {
            RunTask = new RunTask { Framework = new V1.FrameworkInfo { Id = new V1.FrameworkID { Value = FrameworkId }, Name = "test", User = "root" }, Task = task },
        };
    }
}
