namespace Regatta.Agent.Containerizers;

/// <summary>A launched container: its id and the pid of its main process (0 for containers without one).</summary>
internal sealed record ContainerHandle(string ContainerId, int Pid);
