namespace Regatta.Services.Model;

/// <summary><c>healthChecks[].ipProtocol</c>; IPv6 only applies to MESOS_* checks of Docker containers.</summary>
internal enum IpProtocol
{
    IPv4,
    IPv6,
}
