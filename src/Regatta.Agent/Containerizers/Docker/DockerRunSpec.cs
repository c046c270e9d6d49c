namespace Regatta.Agent.Containerizers.Docker;

/// <summary>What to run for one DOCKER task: the container name, its image (pulled first when absent or when
/// <see cref="ForcePull"/>), and the create request.</summary>
internal sealed record DockerRunSpec(string Name, string Image, bool ForcePull, DockerCreateRequest Request);
