namespace Regatta.Services.Health;

/// <summary>
/// Where a running task can be reached. <see cref="HostPorts"/> has one entry per app port, in app port order
/// (null where the port has no host port), as placement assigned them; <see cref="IpAddresses"/> are the task's
/// own addresses from its RUNNING status (used under <c>container</c> networking).
/// </summary>
internal sealed record TaskAddresses(string AgentHost, IReadOnlyList<int?> HostPorts, IReadOnlyList<string>? IpAddresses = null);
