namespace Regatta.Agent.Containerizers.Docker;

/// <summary>One row of <c>GET /containers/json</c>: the container's id, its first name (without the leading slash),
/// whether it runs, and its labels.</summary>
internal sealed record DockerContainerSummary(string Id, string Name, bool Running, IReadOnlyDictionary<string, string> Labels);
