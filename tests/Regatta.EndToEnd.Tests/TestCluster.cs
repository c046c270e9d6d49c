using System.Text.Json;
using Regatta.Framework;
using Regatta.Protocol;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;

using Task = System.Threading.Tasks.Task;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;
using WireFormat = Regatta.Protocol.WireFormat;

namespace Regatta.EndToEnd.Tests;

/// <summary>A master process and an agent process on 127.0.0.1 with their own work dirs and free ports.</summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("regatta-e2e-");
    private string[] _agentArgs = [];

    public TestCluster()
    {
        MasterPort = RegattaProcess.FreePort();
        AgentPort = RegattaProcess.FreePort();
        ServicesPort = RegattaProcess.FreePort();
    }

    public int ServicesPort { get; }

    public Uri ServicesUrl => new($"http://127.0.0.1:{ServicesPort}");

    public string ServicesWorkDir => Path.Combine(root.FullName, "services");

    public RegattaProcess? Services { get; private set; }

    public int MasterPort { get; }

    public int AgentPort { get; }

    public Uri MasterUrl => new($"http://127.0.0.1:{MasterPort}");

    public Uri AgentUrl => new($"http://127.0.0.1:{AgentPort}");

    public string MasterWorkDir => Path.Combine(root.FullName, "master");

    public string AgentWorkDir => Path.Combine(root.FullName, "agent");

    public RegattaProcess? Master { get; private set; }

    public RegattaProcess? Agent { get; private set; }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task StartMasterAsync(params string[] extra)
    {
        Master = RegattaProcess.Start(
        [
            "master", "--ip=127.0.0.1", $"--port={MasterPort}", $"--work_dir={MasterWorkDir}", "--hostname=127.0.0.1",
            "--agent_ping_timeout=1secs", "--max_agent_ping_timeouts=5", .. extra,
        ]);
        await Master.WaitForHttpAsync(new Uri(MasterUrl, "/master/health"), StartTimeout);
    }

    public async Task StartAgentAsync(string resources = "cpus:2;mem:1024;disk:1024;ports:[31000-31100]", params string[] extra)
    {
        _agentArgs =
        [
            "agent", $"--master=127.0.0.1:{MasterPort}", "--ip=127.0.0.1", $"--port={AgentPort}", $"--work_dir={AgentWorkDir}",
            "--hostname=127.0.0.1", $"--resources={resources}", "--attributes=rack:r1;level:3", "--registration_backoff_factor=100ms", .. extra,
        ];
        Agent = RegattaProcess.Start(_agentArgs);
        await Agent.WaitForHttpAsync(new Uri(AgentUrl, "/health"), StartTimeout);
        await Eventually(async () => (await GetJsonAsync(MasterUrl, "/master/slaves")).GetProperty("slaves").GetArrayLength() == 1, "the agent registers");
    }

    /// <summary>Starts the services scheduler (Marathon API) against the master and waits until it has subscribed.</summary>
    public async Task StartServicesAsync(params string[] extra)
    {
        Services = RegattaProcess.Start(
        [
            "services", $"--master=127.0.0.1:{MasterPort}", "--http_address=127.0.0.1", $"--http_port={ServicesPort}",
            $"--work_dir={ServicesWorkDir}", "--hostname=127.0.0.1", .. extra,
        ]);
        await Services.WaitForHttpAsync(new Uri(ServicesUrl, "/ping"), StartTimeout);
        await Eventually(async () => (await GetJsonAsync(ServicesUrl, "/v2/info")).GetProperty("frameworkId").ValueKind == JsonValueKind.String, "the services scheduler subscribes");
    }

    /// <summary>Stops the services scheduler hard (SIGKILL) and starts it again on the same work_dir.</summary>
    public async Task RestartServicesAsync()
    {
        Services!.KillHard();
        await Services.DisposeAsync();
        await StartServicesAsync();
    }

    public async Task<(int Status, JsonElement Body)> SendJsonAsync(HttpMethod method, Uri baseUrl, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path));
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Starts the agent again with the same flags and work_dir (after <see cref="RegattaProcess.KillHard"/>).</summary>
    public async Task RestartAgentAsync()
    {
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
        }

        Agent = RegattaProcess.Start(_agentArgs);
        await Agent.WaitForHttpAsync(new Uri(AgentUrl, "/health"), StartTimeout);
    }

    public async Task<JsonElement> GetJsonAsync(Uri baseUrl, string path)
    {
        var text = await Http.GetStringAsync(new Uri(baseUrl, path));
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<SchedulerConnection> SubscribeAsync(FrameworkInfo info, WireFormat format = WireFormat.Json) =>
        SchedulerConnection.SubscribeAsync(MasterUrl, info, format, cancellationToken: new CancellationTokenSource(StartTimeout).Token);

    public static FrameworkInfo NewFramework(string name, double failoverTimeout = 0, params FrameworkInfo.Types.Capability.Types.Type[] capabilities)
    {
        var info = new FrameworkInfo { User = System.Environment.UserName, Name = name, FailoverTimeout = failoverTimeout, Checkpoint = true };
        foreach (var c in capabilities)
        {
            info.Capabilities.Add(new FrameworkInfo.Types.Capability { Type = c });
        }

        return info;
    }

    public static TaskInfo CommandTask(Offer offer, string id, string command, double cpus = 0.1, double mem = 32)
    {
        var task = new TaskInfo
        {
            Name = id,
            TaskId = new TaskID { Value = id },
            AgentId = offer.AgentId,
            Command = new CommandInfo { Value = command, Shell = true },
        };
        var role = offer.AllocationInfo?.Role ?? "*";
        task.Resources.Add(Scalar("cpus", cpus, role));
        task.Resources.Add(Scalar("mem", mem, role));
        return task;
    }

    /// <summary>Reads events until one matches, acknowledging every update that needs it.</summary>
    public static async Task<Event> NextAsync(SchedulerConnection fw, Func<Event, bool> match, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var ev = await fw.Events.ReadAsync(cts.Token);
                if (ev.Type == Event.Types.Type.Update)
                {
                    await fw.AcknowledgeAsync(ev.Update.Status);
                    seen.Add($"UPDATE {ev.Update.Status.TaskId.Value} {ev.Update.Status.State}");
                }
                else
                {
                    seen.Add(ev.Type.ToString());
                }

                if (match(ev))
                {
                    return ev;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no event for '{what}'; saw: {string.Join(", ", seen)}");
        }
    }

    public static Func<Event, bool> IsUpdate(string taskId, TaskState state) =>
        e => e.Type == Event.Types.Type.Update && e.Update.Status.TaskId.Value == taskId && e.Update.Status.State == state;

    public static async Task Eventually(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        Exception? last = null;
        while (DateTime.UtcNow < until)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                last = e;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"timed out waiting until {what}" + (last is null ? "" : $" (last error: {last.Message})"));
    }

    /// <summary>The last lines each process printed, for a failure message that shows what the cluster was doing.</summary>
    public string RecentOutput(int lines = 40)
    {
        var parts = new List<string>();
        foreach (var (name, process) in new[] { ("master", Master), ("agent", Agent), ("services", Services) })
        {
            if (process is not null)
            {
                var all = process.Output.Split('\n');
                parts.Add($"--- {name} (last {Math.Min(lines, all.Length)} lines)\n" + string.Join('\n', all.TakeLast(lines)));
            }
        }

        return string.Join('\n', parts);
    }

    public async ValueTask DisposeAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        if (Agent is not null)
        {
            await Agent.DisposeAsync();
        }

        if (Master is not null)
        {
            await Master.DisposeAsync();
        }

        Http.Dispose();
        try
        {
            root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A task may still be writing its sandbox; the temp dir is cleaned by the OS eventually.
        }
    }

    private static Resource Scalar(string name, double value, string role) => new()
    {
        Name = name,
        Type = Value.Types.Type.Scalar,
        Scalar = new Value.Types.Scalar { Value = value },
        AllocationInfo = new Resource.Types.AllocationInfo { Role = role },
    };
}
