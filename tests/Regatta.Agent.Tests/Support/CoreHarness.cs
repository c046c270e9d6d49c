using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Core;
using Regatta.Agent.Paths;
using Regatta.Protocol.Agent;
using Regatta.Resources;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Support;

/// <summary>Drives an <see cref="AgentCore"/> with a fixed clock and records its effects.</summary>
internal sealed class CoreHarness
{
    public static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public CoreHarness(string? recoveredId = null)
    {
        Config = new AgentCoreConfig(
            "agent-host",
            5051,
            "10.0.0.5",
            ResourceText.Parse("cpus:2;mem:1024;disk:100;ports:[31000-31010]"),
            AttributeText.Parse("rack:r1"),
            new AgentPaths("/w"),
            TimeSpan.FromSeconds(3),
            TimeSpan.FromSeconds(5),
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMinutes(10),
            "1.11.0");
        Core = new AgentCore(Config, recoveredId, new Random(42), NullLogger.Instance);
    }

    public AgentCoreConfig Config { get; }

    public AgentCore Core { get; }

    public DateTimeOffset Now { get; set; } = T0;

    public IReadOnlyList<AgentEffect> Master(MasterMessage message) => Core.Handle(message, Now);

    public IReadOnlyList<AgentEffect> Register(string agentId = "M-S0") => Master(new MasterMessage
    {
        Registered = new Registered
        {
            AgentId = new V1.AgentID { Value = agentId },
            MasterInfo = new V1.MasterInfo { Id = "M", Ip = 16777343, Port = 5050, Hostname = "master-host" },
            PingIntervalSeconds = 15,
        },
    });

    public static V1.FrameworkInfo Framework(string id = "F-0000", params V1.FrameworkInfo.Types.Capability.Types.Type[] capabilities)
    {
        var info = new V1.FrameworkInfo { Id = new V1.FrameworkID { Value = id }, Name = "fw", User = "root" };
        info.Capabilities.AddRange(capabilities.Select(c => new V1.FrameworkInfo.Types.Capability { Type = c }));
        return info;
    }

    public static V1.TaskInfo CommandTask(string id, string command = "echo hi", string agentId = "M-S0")
    {
        var task = new V1.TaskInfo
        {
            Name = id,
            TaskId = new V1.TaskID { Value = id },
            AgentId = new V1.AgentID { Value = agentId },
            Command = new V1.CommandInfo { Value = command },
        };
        task.Resources.AddRange(ResourceWire.ToProto(ResourceText.Parse("cpus:0.5;mem:64")));
        return task;
    }

    public IReadOnlyList<AgentEffect> Run(V1.TaskInfo task, V1.FrameworkInfo? framework = null) =>
        Master(new MasterMessage { RunTask = new RunTask { Framework = framework ?? Framework(), Task = task } });

    public IReadOnlyList<AgentEffect> Ack(V1.TaskStatus status, string frameworkId = "F-0000") => Master(new MasterMessage
    {
        Acknowledge = new AcknowledgeUpdate
        {
            FrameworkId = new V1.FrameworkID { Value = frameworkId },
            TaskId = status.TaskId,
            Uuid = status.Uuid,
        },
    });

    public IReadOnlyList<AgentEffect> Kill(string taskId, string frameworkId = "F-0000", TimeSpan? grace = null)
    {
        var kill = new KillTask { FrameworkId = new V1.FrameworkID { Value = frameworkId }, TaskId = new V1.TaskID { Value = taskId } };
        if (grace is { } g)
        {
            kill.KillPolicy = new V1.KillPolicy { GracePeriod = new V1.DurationInfo { Nanoseconds = g.Ticks * 100 } };
        }

        return Master(new MasterMessage { KillTask = kill });
    }

    public static List<V1.TaskStatus> Updates(IEnumerable<AgentEffect> effects) =>
        [.. effects.OfType<AgentEffect.Send>().Where(s => s.Message.StatusUpdate is not null).Select(s => s.Message.StatusUpdate.Status)];

    public static V1.TaskStatus SingleUpdate(IEnumerable<AgentEffect> effects) => Assert.Single(Updates(effects));

    public static ByteString Uuid(V1.TaskStatus status) => status.Uuid;
}
