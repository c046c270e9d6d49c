using System.Buffers;
using System.Text;
using System.Text.Json;
using Regatta.Services.Core;
using Regatta.Services.Deployments;
using Regatta.Services.Events;
using Regatta.Services.Health;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Http;

/// <summary>What an app listing embeds besides the always-present counts and deployments.</summary>
[Flags]
internal enum AppEmbed
{
    None = 0,
    Tasks = 1,
    LastTaskFailure = 2,
    Readiness = 4,
}

/// <summary>
/// The REST responses built from the core's state (run on the scheduler's loop, so they see one consistent state):
/// AppInfo with counts, deployments, tasks and lastTaskFailure; tasks; deployments; the launch queue.
/// </summary>
internal static class ServicesJson
{
    public static string Render(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, AppJsonWriter.WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Like <see cref="Render"/>, as UTF-8 bytes (what goes on the wire; no string in between).</summary>
    public static byte[] RenderUtf8(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, AppJsonWriter.WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <param name="readiness">Readiness results by task ids, for <c>embed=apps.readiness</c> (shown while a deployment
    /// touches the app).</param>
    public static void WriteAppInfo(
        Utf8JsonWriter w,
        ServicesCore core,
        AppDefinition app,
        AppEmbed embed,
        Func<ServiceTask, IReadOnlyList<TaskHealthView>> health,
        Func<IEnumerable<string>, IReadOnlyList<ReadinessResult>>? readiness = null,
        bool withCounts = true,
        bool withDeployments = true)
    {
        List<ServiceTask> tasks = [.. core.TasksOf(app.Id).Where(t => t.IsLaunched)];
        List<string> deploymentIds = [.. core.DeploymentsOf(app.Id).Select(d => d.Id)];
        WriteAppInfo(
            w,
            app,
            tasks,
            deploymentIds,
            embed.HasFlag(AppEmbed.LastTaskFailure) ? core.RuntimeOf(app.Id).LastTaskFailure : null,
            embed,
            health,
            embed.HasFlag(AppEmbed.Readiness) && readiness is not null && deploymentIds.Count > 0 ? readiness(tasks.Select(t => t.Id)) : [],
            withCounts,
            withDeployments);
    }

    /// <summary>
    /// One AppInfo from what it shows: the app's launched tasks, the ids of the deployments touching it and (when
    /// embedded) its last task failure. Callers that render many apps gather these in one pass over the core.
    /// </summary>
    public static void WriteAppInfo(
        Utf8JsonWriter w,
        AppDefinition app,
        IReadOnlyList<ServiceTask> tasks,
        IReadOnlyList<string> deploymentIds,
        TaskFailure? lastTaskFailure,
        AppEmbed embed,
        Func<ServiceTask, IReadOnlyList<TaskHealthView>> health,
        IReadOnlyList<ReadinessResult>? readiness = null,
        bool withCounts = true,
        bool withDeployments = true)
    {
        w.WriteStartObject();
        AppJsonWriter.WriteProperties(w, app);
        if (withCounts)
        {
            w.WriteNumber("tasksStaged", tasks.Count(t => t.Condition is TaskCondition.Staging or TaskCondition.Starting));
            w.WriteNumber("tasksRunning", tasks.Count(t => t.Condition == TaskCondition.Running));
            w.WriteNumber("tasksHealthy", tasks.Count(t => t.Condition == TaskCondition.Running && t.Healthy == true));
            w.WriteNumber("tasksUnhealthy", tasks.Count(t => t.Healthy == false));
        }

        if (withDeployments)
        {
            w.WriteStartArray("deployments");
            foreach (var deploymentId in deploymentIds)
            {
                w.WriteStartObject();
                w.WriteString("id", deploymentId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (embed.HasFlag(AppEmbed.Tasks))
        {
            w.WriteStartArray("tasks");
            foreach (var task in tasks)
            {
                ServiceTaskJson.Write(w, ToView(task, app, health(task), withServicePorts: false));
            }

            w.WriteEndArray();
        }

        if (embed.HasFlag(AppEmbed.LastTaskFailure) && lastTaskFailure is { } failure)
        {
            w.WriteStartObject("lastTaskFailure");
            w.WriteString("appId", failure.AppId);
            w.WriteString("host", failure.Host);
            w.WriteString("message", failure.Message);
            w.WriteString("state", failure.State);
            w.WriteString("taskId", failure.TaskId);
            w.WriteString("timestamp", AppTimestamp.Format(failure.Timestamp));
            w.WriteString("version", AppTimestamp.Format(failure.Version));
            if (failure.SlaveId is not null)
            {
                w.WriteString("slaveId", failure.SlaveId);
            }

            w.WriteEndObject();
        }

        if (embed.HasFlag(AppEmbed.Readiness))
        {
            WriteReadinessResults(w, readiness ?? []);
        }

        w.WriteEndObject();
    }

    public static ServiceTaskView ToView(ServiceTask task, AppDefinition? app, IReadOnlyList<TaskHealthView> health, bool withServicePorts) => new()
    {
        Id = task.Id,
        AppId = task.AppId,
        Host = task.Host ?? "",
        SlaveId = task.AgentId,
        Condition = task.Condition,
        StagedAt = task.StagedAt,
        StartedAt = task.StartedAt,
        Version = task.AppVersion,
        Ports = [.. task.HostPorts.OfType<int>()],
        ServicePorts = withServicePorts && app is not null ? ServicesCore.ServicePortsOf(app) : [],
        IpAddresses = [.. task.IpAddresses.Select(TaskIpAddress.Of)],
        HealthCheckResults = health,
        Role = app?.Role ?? AppDefaults.Role,
    };

    /// <summary>
    /// One deployment; each current action lists the readiness results of its app's tasks
    /// (<paramref name="readiness"/>: by task ids; none when null).
    /// </summary>
    public static void WriteDeployment(
        Utf8JsonWriter w, DeploymentRecord deployment, ServicesCore? core = null, Func<IEnumerable<string>, IReadOnlyList<ReadinessResult>>? readiness = null)
    {
        var state = deployment.State;
        w.WriteStartObject();
        w.WriteString("id", deployment.Id);
        w.WriteString("version", deployment.Plan.Version);
        w.WriteStartArray("affectedApps");
        foreach (var app in deployment.Plan.AffectedApps)
        {
            w.WriteStringValue(app);
        }

        w.WriteEndArray();
        w.WriteStartArray("affectedPods");
        w.WriteEndArray();
        w.WriteStartArray("steps");
        foreach (var step in deployment.Plan.Steps)
        {
            EventPlan.WriteStep(w, step);
        }

        w.WriteEndArray();
        w.WriteStartArray("currentActions");
        foreach (var action in state.CurrentActions)
        {
            w.WriteStartObject();
            w.WriteString("action", action.Name);
            w.WriteString("app", action.AppId);
            WriteReadinessResults(w, core is not null && readiness is not null
                ? readiness(core.TasksOf(PathId.Parse(action.AppId)).Select(t => t.Id))
                : []);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("currentStep", state.CurrentStep);
        w.WriteNumber("totalSteps", state.TotalSteps);
        w.WriteEndObject();
    }

    private static void WriteReadinessResults(Utf8JsonWriter w, IReadOnlyList<ReadinessResult> results)
    {
        w.WritePropertyName("readinessCheckResults");
        ReadinessJson.WriteResults(w, results);
    }

    private static void WriteRejectSummary(Utf8JsonWriter w, string property, IReadOnlyList<RejectSummaryEntry> rows)
    {
        w.WriteStartArray(property);
        foreach (var row in rows)
        {
            w.WriteStartObject();
            w.WriteString("reason", row.Reason.ToString());
            w.WriteNumber("declined", row.Declined);
            w.WriteNumber("processed", row.Processed);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteDeploymentRef(Utf8JsonWriter w, DeploymentRef deployment)
    {
        w.WriteStartObject();
        w.WriteString("deploymentId", deployment.DeploymentId);
        w.WriteString("version", AppTimestamp.Format(deployment.Version));
        w.WriteEndObject();
    }

    /// <summary>One /v2/queue entry: the app, how many instances wait, the backoff and why offers did not fit.</summary>
    public static void WriteQueueEntry(Utf8JsonWriter w, ServicesCore core, AppDefinition app, int count, DateTimeOffset since, DateTimeOffset now)
    {
        var runtime = core.RuntimeOf(app.Id);
        var left = runtime.LaunchNotBefore > now ? runtime.LaunchNotBefore - now : TimeSpan.Zero;
        w.WriteStartObject();
        w.WritePropertyName("app");
        AppJsonWriter.Write(w, app);
        w.WriteNumber("count", count);
        w.WriteString("role", app.Role);
        w.WriteStartObject("delay");
        w.WriteNumber("timeLeftSeconds", (long)Math.Ceiling(left.TotalSeconds));
        w.WriteBoolean("overdue", left == TimeSpan.Zero);
        w.WriteEndObject();
        w.WriteString("since", AppTimestamp.Format(since));
        w.WriteStartObject("processedOffersSummary");
        w.WriteNumber("processedOffersCount", runtime.ProcessedOffers);
        w.WriteNumber("unusedOffersCount", runtime.UnusedOffers);
        if (runtime.LastUnusedOfferAt is { } unused)
        {
            w.WriteString("lastUnusedOfferAt", AppTimestamp.Format(unused));
        }

        if (runtime.LastUsedOfferAt is { } used)
        {
            w.WriteString("lastUsedOfferAt", AppTimestamp.Format(used));
        }

        WriteRejectSummary(w, "rejectSummaryLastOffers", RejectSummary.Summarize(runtime.LastOffers));
        WriteRejectSummary(w, "rejectSummaryLaunchAttempt", runtime.LaunchAttempt.Rows());
        w.WriteEndObject();

        // Beyond Marathon: the reasons themselves, naming the constraint or resource that no offer met (offers since
        // the last one that was used).
        w.WriteStartArray("lastUnusedOfferReasons");
        var sinceLastUsed = runtime.LastOffers.Skip(runtime.LastOffers.FindLastIndex(m => m.IsMatch) + 1);
        foreach (var reason in sinceLastUsed.SelectMany(r => r.Reasons).Select(r => r.Message).Distinct(StringComparer.Ordinal).Take(10))
        {
            w.WriteStringValue(reason);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
