using Regatta.Agent.Core;
using Regatta.Agent.Paths;

namespace Regatta.Agent.Http;

/// <summary>What the HTTP endpoints read: the static identity and the latest published snapshot. Filled in once the
/// agent knows its bound port; until then the endpoints answer 503.</summary>
internal sealed class AgentHttpContext(AgentPaths paths, TimeProvider time)
{
    public AgentPaths Paths { get; } = paths;

    public TimeProvider Time { get; } = time;

    public AgentIdentity? Identity { get; set; }

    public Func<AgentSnapshot>? Snapshot { get; set; }

    /// <summary>Usage of running containers for /monitor/statistics (null: the containerizer reports none).</summary>
    public Isolation.IContainerStatistics? Statistics { get; set; }
}
