using Regatta.Master.Snapshots;
using Regatta.Protocol.V1;
using MasterEvent = Regatta.Protocol.V1.Master.Event;
using MesosTask = Regatta.Protocol.V1.Task;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Core;

/// <summary>Builders for v1 operator API events (published to operator SUBSCRIBE streams).</summary>
internal static class OperatorEvents
{
    public static MasterEvent TaskAdded(MesosTask task) => new()
    {
        Type = MasterEvent.Types.Type.TaskAdded,
        TaskAdded = new MasterEvent.Types.TaskAdded { Task = task },
    };

    public static MasterEvent TaskUpdated(string frameworkId, TaskStatus status, TaskState state) => new()
    {
        Type = MasterEvent.Types.Type.TaskUpdated,
        TaskUpdated = new MasterEvent.Types.TaskUpdated
        {
            FrameworkId = new FrameworkID { Value = frameworkId },
            Status = status,
            State = state,
        },
    };

    public static MasterEvent AgentAdded(AgentSnapshot agent) => new()
    {
        Type = MasterEvent.Types.Type.AgentAdded,
        AgentAdded = new MasterEvent.Types.AgentAdded { Agent = SnapshotProtos.ToAgent(agent) },
    };

    public static MasterEvent FrameworkAdded(FrameworkSnapshot framework) => new()
    {
        Type = MasterEvent.Types.Type.FrameworkAdded,
        FrameworkAdded = new MasterEvent.Types.FrameworkAdded { Framework = SnapshotProtos.ToFramework(framework) },
    };

    public static MasterEvent FrameworkUpdated(FrameworkSnapshot framework) => new()
    {
        Type = MasterEvent.Types.Type.FrameworkUpdated,
        FrameworkUpdated = new MasterEvent.Types.FrameworkUpdated { Framework = SnapshotProtos.ToFramework(framework) },
    };
}
