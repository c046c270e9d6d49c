namespace Regatta.Services.Launching;

/// <summary>A task's IP address as Mesos reports it in <c>container_status.network_infos</c>; protocol <c>IPv4</c> or <c>IPv6</c>.</summary>
internal sealed record TaskIpAddress(string IpAddress, string Protocol = TaskIpAddress.IPv4)
{
    public const string IPv4 = "IPv4";
    public const string IPv6 = "IPv6";
}
