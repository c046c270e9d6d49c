using System.Text.Json.Nodes;
using Regatta.Agent.Core;
using Regatta.Protocol;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Http;

/// <summary>The agent's <c>/state</c> document in Mesos's shape (<c>src/slave/http.cpp</c>).</summary>
internal static class StateJson
{
    public static JsonObject Build(AgentIdentity identity, AgentSnapshot snapshot)
    {
        var flags = new JsonObject();
        foreach (var (name, value) in identity.Flags)
        {
            flags[name] = value;
        }

        var state = new JsonObject
        {
            ["version"] = identity.Version,
            ["build_user"] = "regatta",
            ["start_time"] = identity.StartTime.ToUnixTimeMilliseconds() / 1000.0,
            ["id"] = snapshot.AgentId ?? "",
            ["pid"] = identity.Pid,
            ["hostname"] = identity.Hostname,
            ["port"] = identity.Port,
            ["capabilities"] = new JsonArray("MULTI_ROLE", "HIERARCHICAL_ROLE", "RESERVATION_REFINEMENT"),
            ["resources"] = JsonBits.Flat(identity.Resources),
            ["attributes"] = JsonBits.Flat(identity.Attributes.ToFlatJsonValues()),
            ["master_hostname"] = snapshot.MasterInfo?.Hostname ?? "",
            ["flags"] = flags,
            ["frameworks"] = new JsonArray([.. snapshot.Frameworks.Select(Framework)]),
            ["completed_frameworks"] = new JsonArray([.. snapshot.CompletedFrameworks.Select(Framework)]),
        };
        if (snapshot.MasterInfo is null)
        {
            state.Remove("master_hostname");
        }

        return state;
    }

    private static JsonNode Framework(FrameworkView framework)
    {
        var info = framework.Info;
        var result = new JsonObject
        {
            ["id"] = info.Id.Value,
            ["name"] = info.Name,
            ["user"] = info.User,
            ["failover_timeout"] = info.FailoverTimeout,
            ["checkpoint"] = info.Checkpoint,
            ["role"] = LegacyRole(info),
            ["roles"] = new JsonArray([.. info.Roles.Select(r => (JsonNode)JsonValue.Create(r))]),
            ["hostname"] = info.Hostname,
            ["capabilities"] = new JsonArray([.. info.Capabilities.Select(c => (JsonNode)JsonValue.Create(ProtoEnumNames.Of(c.Type)))]),
            ["executors"] = new JsonArray([.. framework.Executors.Select(Executor)]),
            ["completed_executors"] = new JsonArray([.. framework.CompletedExecutors.Select(Executor)]),
        };
        if (info.HasPrincipal)
        {
            result["principal"] = info.Principal;
        }

        return result;
    }

    /// <summary>The deprecated single role older tools read: the first of <c>roles</c>, else <c>role</c>.</summary>
    private static string LegacyRole(V1.FrameworkInfo info)
    {
        if (info.Roles.Count > 0)
        {
            return info.Roles[0];
        }
#pragma warning disable CS0612 // FrameworkInfo.role is deprecated, but /state still reports it as Mesos does.
        return info.Role;
#pragma warning restore CS0612
    }

    private static JsonNode Executor(ExecutorView executor)
    {
        var result = new JsonObject
        {
            ["id"] = executor.Id,
            ["name"] = executor.Name,
            ["framework_id"] = executor.FrameworkId,
            ["source"] = executor.Source,
            ["container"] = executor.ContainerId ?? "",
            ["directory"] = executor.Directory ?? "",
            ["resources"] = JsonBits.Flat(executor.Resources),
            ["type"] = "COMMAND",
            ["tasks"] = new JsonArray([.. executor.Tasks.Select(Task)]),
            ["queued_tasks"] = new JsonArray(),
            ["completed_tasks"] = new JsonArray([.. executor.CompletedTasks.Select(Task)]),
        };
        if (executor.Labels is { } labels)
        {
            result["labels"] = JsonBits.Proto(labels)?["labels"]?.DeepClone();
        }

        return result;
    }

    internal static JsonNode Task(V1.Task task)
    {
        var result = new JsonObject
        {
            ["id"] = task.TaskId.Value,
            ["name"] = task.Name,
            ["framework_id"] = task.FrameworkId.Value,
            ["executor_id"] = task.ExecutorId?.Value ?? "",
            ["slave_id"] = task.AgentId.Value,
            ["state"] = ProtoEnumNames.Of(task.State),
            ["resources"] = JsonBits.Flat(task.Resources),
            ["statuses"] = new JsonArray([.. task.Statuses.Select(Status)]),
        };
        if (task.Labels is { } labels)
        {
            result["labels"] = JsonBits.Proto(labels)?["labels"]?.DeepClone();
        }

        if (task.Discovery is { } discovery)
        {
            result["discovery"] = JsonBits.Proto(discovery);
        }

        if (task.Container is { } container)
        {
            result["container"] = JsonBits.Proto(container);
        }

        if (task.HasUser)
        {
            result["user"] = task.User;
        }

        return result;
    }

    private static JsonNode Status(V1.TaskStatus status)
    {
        var result = new JsonObject
        {
            ["state"] = ProtoEnumNames.Of(status.State),
            ["timestamp"] = status.Timestamp,
        };
        if (status.HasHealthy)
        {
            result["healthy"] = status.Healthy;
        }

        if (status.Labels is { } labels)
        {
            result["labels"] = JsonBits.Proto(labels)?["labels"]?.DeepClone();
        }

        if (status.ContainerStatus is { } containerStatus)
        {
            result["container_status"] = JsonBits.Proto(containerStatus);
        }

        return result;
    }
}
