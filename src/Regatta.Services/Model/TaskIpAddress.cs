namespace Regatta.Services.Model;

/// <summary>One entry of a task's <c>ipAddresses</c>: <c>{"ipAddress": "10.0.0.5", "protocol": "IPv4"}</c>.</summary>
internal sealed record TaskIpAddress(string IpAddress, IpProtocol Protocol = IpProtocol.IPv4)
{
    /// <summary>The entry for an address text: IPv6 when it parses as one, IPv4 otherwise.</summary>
    public static TaskIpAddress Of(string address) => new(
        address,
        System.Net.IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IpProtocol.IPv6 : IpProtocol.IPv4);
}
