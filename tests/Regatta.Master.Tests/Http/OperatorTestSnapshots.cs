using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Regatta.Master.Http;
using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;
using Regatta.Resources;
using MesosTask = Regatta.Protocol.V1.Task;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Tests.Http;

/// <summary>Hand-built snapshots (one agent, one framework with tasks in every list, one offer) and a JSON renderer.</summary>
internal static class OperatorTestSnapshots
{
    public const string MasterId = "m-1";
    public const string AgentId = "m-1-S0";
    public const string FrameworkId = "m-1-0000";
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static MasterSnapshot OneOfEach(TaskState runningState = TaskState.TaskRunning)
    {
        var total = ResourceText.Parse("cpus:4;mem:1024;disk:2048;ports:[31000-32000];cpus(web):2");
        var info = new AgentInfo
        {
            Hostname = "agent-host",
            Port = 5051,
            Id = new AgentID { Value = AgentId },
        };
        info.Resources.AddRange(ResourceWire.ToProto(total));
        info.Attributes.AddRange(AttributeWire.ToProto(AttributeText.Parse("rack:r1;level:2")));
        var used = ResourceText.Parse("cpus:1;mem:128");
        var offered = ResourceText.Parse("cpus:2;mem:256");
        var agent = new AgentSnapshot(
            info,
            "slave(1)@127.0.0.1:5051",
            "1.11.0",
            Start.AddSeconds(10),
            null,
            Active: true,
            Connected: true,
            Deactivated: false,
            [new AgentInfo.Types.Capability { Type = AgentInfo.Types.Capability.Types.Type.MultiRole }],
            total,
            new Dictionary<string, ResourceSet> { ["*"] = used },
            new Dictionary<string, ResourceSet> { ["*"] = offered });

        var frameworkInfo = new FrameworkInfo
        {
            User = "alice",
            Name = "marathon",
            Id = new FrameworkID { Value = FrameworkId },
            FailoverTimeout = 60,
            Hostname = "fw-host",
            Principal = "ops",
        };
        frameworkInfo.Capabilities.Add(new FrameworkInfo.Types.Capability { Type = FrameworkInfo.Types.Capability.Types.Type.PartitionAware });
        var offer = new Offer
        {
            Id = new OfferID { Value = "m-1-O0" },
            FrameworkId = frameworkInfo.Id,
            AgentId = info.Id,
            Hostname = "agent-host",
            AllocationInfo = new Regatta.Protocol.V1.Resource.Types.AllocationInfo { Role = "*" },
        };
        offer.Resources.AddRange(SnapshotProtos.WithAllocationRole(offered, "*"));
        var framework = new FrameworkSnapshot(
            frameworkInfo,
            Active: true,
            Connected: true,
            Recovered: false,
            Start.AddSeconds(20),
            Start.AddSeconds(30),
            null,
            ["*"],
            [],
            [new OfferSnapshot(offer, "*", offered, Start.AddSeconds(40))],
            [Task("t-running", runningState, 100), Task("t-staging", TaskState.TaskStaging, 300)],
            [Task("t-unreachable", TaskState.TaskUnreachable, 50)],
            [Task("t-done", TaskState.TaskFinished, 200)],
            new Dictionary<string, ResourceSet> { ["*"] = used },
            new Dictionary<string, ResourceSet> { ["*"] = offered });

        var counters = new long[MasterCounterNames.All.Count];
        counters[(int)MasterCounter.MessagesLaunchTasks] = 3;
        return new MasterSnapshot(
            new MasterInfo
            {
                Id = MasterId,
                Ip = 16777343,
                Port = 5050,
                Pid = "master@127.0.0.1:5050",
                Hostname = "master-host",
                Version = "1.11.0",
            },
            Start,
            Start.AddSeconds(1),
            new Dictionary<string, string> { ["port"] = "5050", ["work_dir"] = "/var/lib/regatta" },
            "prod",
            [agent],
            [],
            [],
            [framework],
            [],
            [new RoleSnapshot("*", 1, [FrameworkId], used, offered, ResourceSet.Empty), new RoleSnapshot("web", 2, [], ResourceSet.Empty, ResourceSet.Empty, ResourceText.Parse("cpus(web):2"))],
            new Dictionary<string, double> { ["web"] = 2 },
            new MasterCounterValues([.. counters]),
            new AllocatorStats(7, 1.5, 21, 4, 0.2),
            Start.AddSeconds(100));
    }

    public static MesosTask Task(string id, TaskState state, double firstTimestamp)
    {
        var task = new MesosTask
        {
            Name = id,
            TaskId = new TaskID { Value = id },
            FrameworkId = new FrameworkID { Value = FrameworkId },
            AgentId = new AgentID { Value = AgentId },
            State = state,
            User = "alice",
        };
        task.Resources.AddRange(SnapshotProtos.WithAllocationRole(ResourceText.Parse("cpus:0.5;mem:64;ports:[31000-31001]"), "*"));
        task.Statuses.Add(new TaskStatus { TaskId = task.TaskId, State = TaskState.TaskStaging, Timestamp = firstTimestamp });
        if (state != TaskState.TaskStaging)
        {
            task.Statuses.Add(new TaskStatus { TaskId = task.TaskId, State = state, Timestamp = firstTimestamp + 1, Healthy = true });
        }

        return task;
    }

    public static async Task<JsonDocument> RenderAsync(Func<JsonStream, ValueTask> render)
    {
        using var buffer = new MemoryStream();
        var pipe = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
        var stream = new JsonStream(pipe, CancellationToken.None);
        await using (stream)
        {
            await render(stream);
            await stream.FlushAsync();
        }

        await pipe.CompleteAsync();
        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
