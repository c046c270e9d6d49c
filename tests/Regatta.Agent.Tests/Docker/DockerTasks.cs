using Regatta.Agent.Containerizers;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Docker;

/// <summary>Builds DOCKER TaskInfos and launches for the docker tests.</summary>
internal static class DockerTasks
{
    public static V1.TaskInfo Task(string image, string? shellCommand = "echo hi", double cpus = 0.5, double mem = 64, (ulong Begin, ulong End)? ports = null)
    {
        var task = new V1.TaskInfo
        {
            Name = "web",
            TaskId = new V1.TaskID { Value = "t1" },
            AgentId = new V1.AgentID { Value = "a1" },
            Command = shellCommand is null ? new V1.CommandInfo { Shell = false } : new V1.CommandInfo { Value = shellCommand },
            Container = new V1.ContainerInfo
            {
                Type = V1.ContainerInfo.Types.Type.Docker,
                Docker = new V1.ContainerInfo.Types.DockerInfo { Image = image },
            },
        };
        task.Resources.Add(new V1.Resource { Name = "cpus", Type = V1.Value.Types.Type.Scalar, Scalar = new V1.Value.Types.Scalar { Value = cpus } });
        task.Resources.Add(new V1.Resource { Name = "mem", Type = V1.Value.Types.Type.Scalar, Scalar = new V1.Value.Types.Scalar { Value = mem } });
        if (ports is { } range)
        {
            var resource = new V1.Resource { Name = "ports", Type = V1.Value.Types.Type.Ranges, Ranges = new V1.Value.Types.Ranges() };
            resource.Ranges.Range.Add(new V1.Value.Types.Range { Begin = range.Begin, End = range.End });
            task.Resources.Add(resource);
        }

        return task;
    }

    public static ContainerLaunch Launch(V1.TaskInfo task, string sandbox, string containerId = "c1") =>
        new(containerId, sandbox, task.Command, null, new Dictionary<string, string> { ["MESOS_SANDBOX"] = sandbox, ["MESOS_TASK_ID"] = task.TaskId.Value })
        {
            Resources = task.Resources,
            Task = task,
        };
}
