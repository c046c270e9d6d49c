using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regatta.Coordination.Store;
using Regatta.Resources;
using Regatta.Services.Deployments;
using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Core;

/// <summary>
/// The services scheduler's records in the state store (one key per record, JSON values):
/// <c>services/framework-id</c>, <c>services/apps/&lt;id&gt;</c> (the current definition, Marathon's JSON),
/// <c>services/versions/&lt;id&gt;/&lt;version&gt;</c>, <c>services/tasks/&lt;task id&gt;</c> and
/// <c>services/deployments/&lt;id&gt;</c>. App ids keep their slashes; the version or record id is the last segment.
/// </summary>
internal static class ServicesStoreKeys
{
    public const string Prefix = "services/";
    public const string FrameworkIdKey = Prefix + "framework-id";
    public const string AppsPrefix = Prefix + "apps";
    public const string VersionsPrefix = Prefix + "versions";
    public const string TasksPrefix = Prefix + "tasks/";
    public const string DeploymentsPrefix = Prefix + "deployments/";

    public static StoreMutation PutFrameworkId(string id) => StoreMutation.Put(FrameworkIdKey, Encoding.UTF8.GetBytes(id));

    public static StoreMutation PutApp(AppDefinition app) => StoreMutation.Put(AppsPrefix + app.Id, AppStorage.Serialize(app));

    public static StoreMutation DeleteApp(PathId id) => StoreMutation.Delete(AppsPrefix + id);

    public static StoreMutation PutVersion(AppDefinition app) =>
        StoreMutation.Put($"{VersionsPrefix}{app.Id}/{AppTimestamp.Format(app.Version!.Value)}", AppStorage.Serialize(app));

    public static IEnumerable<StoreMutation> DeleteVersions(PathId id, IEnumerable<DateTimeOffset> versions) =>
        versions.Select(v => StoreMutation.Delete($"{VersionsPrefix}{id}/{AppTimestamp.Format(v)}"));

    public static StoreMutation PutTask(ServiceTask task) => StoreMutation.Put(TasksPrefix + task.Id, TaskRecordJson.Write(task));

    public static StoreMutation DeleteTask(string id) => StoreMutation.Delete(TasksPrefix + id);

    public static StoreMutation PutDeployment(DeploymentRecord deployment) =>
        StoreMutation.Put(DeploymentsPrefix + deployment.Id, DeploymentRecordJson.Write(deployment));

    public static StoreMutation DeleteDeployment(string id) => StoreMutation.Delete(DeploymentsPrefix + id);
}

/// <summary>A launched task's record on disk (queued tasks are not stored: the reconciler queues them again).</summary>
internal static class TaskRecordJson
{
    public static byte[] Write(ServiceTask task)
    {
        var node = new JsonObject
        {
            ["id"] = task.Id,
            ["appId"] = task.AppId.ToString(),
            ["appVersion"] = AppTimestamp.Format(task.AppVersion),
            ["configVersion"] = AppTimestamp.Format(task.ConfigVersion),
            ["condition"] = task.Condition.ToString(),
            ["mesosState"] = task.MesosState,
            ["stagedAt"] = Time(task.StagedAt),
            ["startedAt"] = Time(task.StartedAt),
            ["unreachableSince"] = Time(task.UnreachableSince),
            ["agentId"] = task.Agent?.AgentId,
            ["hostname"] = task.Agent?.Hostname,
            ["attributes"] = task.Agent is null ? null : new JsonObject(task.Agent.Attributes.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value.Text))),
            ["hostPorts"] = new JsonArray([.. task.HostPorts.Select(p => (JsonNode?)(p is { } port ? JsonValue.Create(port) : null))]),
            ["ipAddresses"] = new JsonArray([.. task.IpAddresses.Select(ip => (JsonNode?)ip)]),
            ["healthy"] = task.Healthy,
            ["ready"] = task.Ready,
            ["message"] = task.LastMessage,
        };
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public static ServiceTask? Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var node = JsonNode.Parse(utf8)?.AsObject();
            if (node is null || !AppTimestamp.TryParse((string?)node["appVersion"] ?? "", out var appVersion)
                || !AppTimestamp.TryParse((string?)node["configVersion"] ?? "", out var configVersion)
                || !Enum.TryParse<TaskCondition>((string?)node["condition"], out var condition))
            {
                return null;
            }

            var task = new ServiceTask((string)node["id"]!, PathId.Parse((string)node["appId"]!), appVersion, configVersion)
            {
                Condition = condition,
                MesosState = (string?)node["mesosState"],
                StagedAt = ReadTime(node["stagedAt"]),
                StartedAt = ReadTime(node["startedAt"]),
                UnreachableSince = ReadTime(node["unreachableSince"]),
                HostPorts = [.. (node["hostPorts"]?.AsArray() ?? []).Select(p => (int?)p)],
                IpAddresses = [.. (node["ipAddresses"]?.AsArray() ?? []).Select(ip => (string)ip!)],
                Healthy = (bool?)node["healthy"],
                Ready = (bool?)node["ready"],
                LastMessage = (string?)node["message"],
            };
            if ((string?)node["agentId"] is { } agentId)
            {
                var attributes = (node["attributes"]?.AsObject() ?? []).Select(a => $"{a.Key}:{(string?)a.Value}");
                var text = string.Join(';', attributes);
                task.Agent = AgentView.From(agentId, (string?)node["hostname"] ?? "", text.Length == 0 ? Attributes.Empty : AttributeText.Parse(text));
            }

            return task;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static string? Time(DateTimeOffset? time) => time is { } t ? AppTimestamp.Format(t) : null;

    private static DateTimeOffset? ReadTime(JsonNode? node) =>
        (string?)node is { } text && AppTimestamp.TryParse(text, out var time) ? time : null;
}

/// <summary>A running deployment on disk: enough to plan it again identically and resume at its step.</summary>
internal static class DeploymentRecordJson
{
    public static byte[] Write(DeploymentRecord deployment)
    {
        var state = deployment.State;
        var node = new JsonObject
        {
            ["id"] = deployment.Id,
            ["version"] = deployment.Plan.Version,
            ["original"] = Apps(deployment.Original.Values),
            ["target"] = Apps(deployment.Target.Values),
            ["restart"] = new JsonArray([.. deployment.RestartRequested.Select(r => (JsonNode?)r)]),
            ["groupDependencies"] = new JsonObject(deployment.GroupDependencies.Select(g =>
                KeyValuePair.Create(g.Key.ToString(), (JsonNode?)new JsonArray([.. g.Value.Select(d => (JsonNode?)d.ToString())])))),
            ["sentenced"] = new JsonObject(deployment.Plan.Steps.SelectMany(s => s.Actions).Where(a => a.SentencedTasks.Count > 0)
                .Select(a => KeyValuePair.Create(a.AppId, (JsonNode?)new JsonArray([.. a.SentencedTasks.Select(t => (JsonNode?)t)])))),
            ["stepIndex"] = state.StepIndex,
            ["stepStartedAt"] = AppTimestamp.Format(state.StepStartedAt),
            ["completed"] = new JsonArray([.. state.CompletedApps.Select(a => (JsonNode?)a)]),
        };
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    public static DeploymentRecord? Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var node = JsonNode.Parse(utf8)?.AsObject();
            if (node is null || !AppTimestamp.TryParse((string?)node["stepStartedAt"] ?? "", out var stepStartedAt))
            {
                return null;
            }

            var original = ReadApps(node["original"]);
            var target = ReadApps(node["target"]);
            var restart = (node["restart"]?.AsArray() ?? []).Select(r => (string)r!).ToHashSet(StringComparer.Ordinal);
            var sentenced = (node["sentenced"]?.AsObject() ?? []).ToDictionary(
                kv => kv.Key, kv => (IReadOnlyList<string>)[.. kv.Value!.AsArray().Select(t => (string)t!)], StringComparer.Ordinal);
            var groupDependencies = (node["groupDependencies"]?.AsObject() ?? []).ToDictionary(
                kv => PathId.Parse(kv.Key), kv => (IReadOnlyList<PathId>)[.. kv.Value!.AsArray().Select(d => PathId.Parse((string)d!))]);
            var plan = DeploymentPlanner.Plan(
                (string)node["id"]!,
                (string)node["version"]!,
                AppPlanning.ToPlanned(original.Values, groupDependencies),
                AppPlanning.ToPlanned(target.Values, groupDependencies),
                new PlanOptions { RestartRequested = restart, Sentenced = sentenced });
            var completed = (node["completed"]?.AsArray() ?? []).Select(a => (string)a!).ToHashSet(StringComparer.Ordinal);
            var state = new DeploymentState(plan, (int)node["stepIndex"]!, stepStartedAt, completed, DeploymentStatus.Running);
            return new DeploymentRecord(state, original, target) { RestartRequested = restart, GroupDependencies = groupDependencies };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or DependencyCycleException)
        {
            return null;
        }
    }

    private static JsonArray Apps(IEnumerable<AppDefinition> apps) =>
        new([.. apps.Select(a => JsonNode.Parse(AppStorage.Serialize(a)))]);

    private static Dictionary<PathId, AppDefinition> ReadApps(JsonNode? node)
    {
        var apps = new Dictionary<PathId, AppDefinition>();
        foreach (var item in node?.AsArray() ?? [])
        {
            var parsed = AppStorage.Deserialize(Encoding.UTF8.GetBytes(item!.ToJsonString()));
            if (parsed.App is { } app)
            {
                apps[app.Id] = app;
            }
        }

        return apps;
    }
}
