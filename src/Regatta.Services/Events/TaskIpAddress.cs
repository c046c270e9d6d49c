using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>One entry of a task's <c>ipAddresses</c>: <c>{"ipAddress": "10.0.0.5", "protocol": "IPv4"}</c>.</summary>
internal sealed record TaskIpAddress(string IpAddress, IpProtocol Protocol = IpProtocol.IPv4);
