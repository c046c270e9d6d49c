using Regatta.Protocol.V1;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Registry;

/// <summary>What a master restart recovers from the registry.</summary>
internal sealed record RegistryState(
    IReadOnlyList<AgentInfo> Agents,
    IReadOnlyDictionary<string, DateTimeOffset> Unreachable,
    IReadOnlySet<string> Gone,
    IReadOnlyList<FrameworkInfo> Frameworks,
    IReadOnlyList<FrameworkInfo> RemovedFrameworks,
    IReadOnlyList<MesosTask> Tasks,
    IReadOnlyDictionary<string, double> Weights,
    IReadOnlyList<string> Problems)
{
    public static RegistryState Empty { get; } = new(
        [],
        new Dictionary<string, DateTimeOffset>(),
        new HashSet<string>(),
        [],
        [],
        [],
        new Dictionary<string, double>(),
        []);
}
