using Regatta.Resources;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Core;

/// <summary>
/// A task the master tracks. <see cref="Proto"/> is copy-on-write: it is replaced, never mutated, so snapshots
/// and events may share it across threads.
/// </summary>
internal sealed class TaskRecord
{
    public TaskRecord(MesosTask proto, string role, ResourceSet resources)
    {
        Proto = proto;
        Role = role;
        Resources = resources;
        Key = new TaskKey(proto.FrameworkId.Value, proto.TaskId.Value);
    }

    public MesosTask Proto { get; set; }

    public TaskKey Key { get; }

    public string FrameworkId => Key.FrameworkId;

    public string TaskId => Key.TaskId;

    public string AgentId => Proto.AgentId.Value;

    /// <summary>The allocation role its resources were offered to.</summary>
    public string Role { get; }

    public ResourceSet Resources { get; }

    /// <summary>True while its resources count as allocated (until its latest state turns terminal or unreachable).</summary>
    public bool HoldsResources { get; set; }
}
