using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

/// <summary>One command executor (one per command task) as /state shows it.</summary>
internal sealed record ExecutorView(
    string Id,
    string Name,
    string FrameworkId,
    string Source,
    string? ContainerId,
    string? Directory,
    IReadOnlyList<V1.Resource> Resources,
    IReadOnlyList<V1.Task> Tasks,
    IReadOnlyList<V1.Task> CompletedTasks,
    V1.Labels? Labels);
