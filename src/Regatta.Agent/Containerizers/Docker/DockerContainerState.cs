namespace Regatta.Agent.Containerizers.Docker;

/// <summary>The parts of <c>GET /containers/{id}/json</c> the containerizer uses.</summary>
internal sealed record DockerContainerState(string Id, string Name, bool Running, int Pid, int ExitCode, bool OomKilled, IReadOnlyDictionary<string, string> Labels);
