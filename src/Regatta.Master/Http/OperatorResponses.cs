using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Master;
using Regatta.Resources;
using V1Resource = Regatta.Protocol.V1.Resource;

namespace Regatta.Master.Http;

/// <summary>Builds the v1 operator API's GET_* responses from a snapshot. Pure.</summary>
internal static class OperatorResponses
{
    private static readonly string[] RoleResourceNames = ["cpus", "mem", "disk", "gpus"];

    public static Response Health() => new()
    {
        Type = Response.Types.Type.GetHealth,
        GetHealth = new Response.Types.GetHealth { Healthy = true },
    };

    public static Response Version(MasterSnapshot snapshot) => new()
    {
        Type = Response.Types.Type.GetVersion,
        GetVersion = new Response.Types.GetVersion { VersionInfo = OperatorBuildInfo.ToVersionInfo(snapshot.MasterInfo) },
    };

    public static Response Flags(MasterSnapshot snapshot)
    {
        var flags = new Response.Types.GetFlags();
        foreach (var (name, value) in snapshot.Flags.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            flags.Flags.Add(new Flag { Name = name, Value = value });
        }

        return new Response { Type = Response.Types.Type.GetFlags, GetFlags = flags };
    }

    public static Response Metrics(IEnumerable<KeyValuePair<string, double>> metrics)
    {
        var message = new Response.Types.GetMetrics();
        foreach (var (name, value) in metrics)
        {
            message.Metrics.Add(new Metric { Name = name, Value = value });
        }

        return new Response { Type = Response.Types.Type.GetMetrics, GetMetrics = message };
    }

    public static Response State(MasterSnapshot snapshot) => new()
    {
        Type = Response.Types.Type.GetState,
        GetState = BuildState(snapshot),
    };

    public static Response.Types.GetState BuildState(MasterSnapshot snapshot) => new()
    {
        GetTasks = BuildTasks(snapshot),
        GetExecutors = new Response.Types.GetExecutors(),
        GetFrameworks = BuildFrameworks(snapshot),
        GetAgents = BuildAgents(snapshot),
    };

    public static Response Agents(MasterSnapshot snapshot) => new()
    {
        Type = Response.Types.Type.GetAgents,
        GetAgents = BuildAgents(snapshot),
    };

    public static Response Frameworks(MasterSnapshot snapshot) => new()
    {
        Type = Response.Types.Type.GetFrameworks,
        GetFrameworks = BuildFrameworks(snapshot),
    };

    /// <summary>Command tasks run under the agent's built-in executor, which Mesos does not list.</summary>
    public static Response Executors() => new()
    {
        Type = Response.Types.Type.GetExecutors,
        GetExecutors = new Response.Types.GetExecutors(),
    };

    public static Response Tasks(MasterSnapshot snapshot) => new()
    {
        Type = Response.Types.Type.GetTasks,
        GetTasks = BuildTasks(snapshot),
    };

    public static Response Roles(MasterSnapshot snapshot)
    {
        var roles = new Response.Types.GetRoles();
        foreach (var role in snapshot.Roles)
        {
            var message = new Role { Name = role.Name, Weight = role.Weight };
            message.Frameworks.AddRange(role.FrameworkIds.Select(id => new FrameworkID { Value = id }));

            // Like Mesos: the deprecated "resources" holds allocated + offered quantities of the four well-known scalars.
            var held = role.Allocated + role.Offered;
            foreach (var name in RoleResourceNames)
            {
                if (held.Names.Contains(name))
                {
                    message.Resources.Add(new V1Resource
                    {
                        Name = name,
                        Type = Value.Types.Type.Scalar,
                        Scalar = new Value.Types.Scalar { Value = held.Scalar(name) },
                    });
                }
            }

            roles.Roles.Add(message);
        }

        return new Response { Type = Response.Types.Type.GetRoles, GetRoles = roles };
    }

    public static Response Weights(MasterSnapshot snapshot)
    {
        var weights = new Response.Types.GetWeights();
        foreach (var (role, weight) in snapshot.Weights.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            weights.WeightInfos.Add(new WeightInfo { Role = role, Weight = weight });
        }

        return new Response { Type = Response.Types.Type.GetWeights, GetWeights = weights };
    }

    public static Response Master(MasterSnapshot snapshot)
    {
        var message = new Response.Types.GetMaster
        {
            MasterInfo = snapshot.MasterInfo,
            StartTime = SnapshotProtos.ToEpochSeconds(snapshot.StartTime),
        };
        if (snapshot.ElectedTime is { } elected)
        {
            message.ElectedTime = SnapshotProtos.ToEpochSeconds(elected);
        }

        return new Response { Type = Response.Types.Type.GetMaster, GetMaster = message };
    }

    public static Response.Types.GetAgents BuildAgents(MasterSnapshot snapshot)
    {
        var agents = new Response.Types.GetAgents();
        agents.Agents.AddRange(snapshot.Agents.Select(SnapshotProtos.ToAgent));
        agents.RecoveredAgents.AddRange(snapshot.RecoveredAgents);
        return agents;
    }

    public static Response.Types.GetFrameworks BuildFrameworks(MasterSnapshot snapshot)
    {
        var frameworks = new Response.Types.GetFrameworks();
        frameworks.Frameworks.AddRange(snapshot.Frameworks.Select(SnapshotProtos.ToFramework));
        frameworks.CompletedFrameworks.AddRange(snapshot.CompletedFrameworks.Select(SnapshotProtos.ToFramework));
        return frameworks;
    }

    /// <summary>Tasks of registered and completed frameworks, split as Mesos does: active, unreachable, completed.</summary>
    public static Response.Types.GetTasks BuildTasks(MasterSnapshot snapshot)
    {
        var tasks = new Response.Types.GetTasks();
        foreach (var framework in snapshot.Frameworks.Concat(snapshot.CompletedFrameworks))
        {
            tasks.Tasks.AddRange(framework.Tasks);
            tasks.UnreachableTasks.AddRange(framework.UnreachableTasks);
            tasks.CompletedTasks.AddRange(framework.CompletedTasks);
        }

        return tasks;
    }
}
