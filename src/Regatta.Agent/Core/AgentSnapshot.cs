using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

/// <summary>An immutable picture of the agent's tasks, published after every change for the HTTP endpoints (which
/// never touch the live state).</summary>
internal sealed record AgentSnapshot(
    string? AgentId,
    bool Registered,
    V1.MasterInfo? MasterInfo,
    IReadOnlyList<FrameworkView> Frameworks,
    IReadOnlyList<FrameworkView> CompletedFrameworks,
    IReadOnlyDictionary<V1.TaskState, int> LiveTaskStates,
    IReadOnlyDictionary<V1.TaskState, long> TerminalTaskCounts,
    IReadOnlyDictionary<string, double> UsedScalars)
{
    public static AgentSnapshot Empty { get; } = new(
        null, false, null, [], [], new Dictionary<V1.TaskState, int>(), new Dictionary<V1.TaskState, long>(), new Dictionary<string, double>());
}
