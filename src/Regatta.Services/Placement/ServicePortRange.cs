namespace Regatta.Services.Placement;

/// <summary>The service-port range, Marathon's <c>--local_port_min</c>/<c>--local_port_max</c> (inclusive).</summary>
internal sealed record ServicePortRange(int Min = 10000, int Max = 20000)
{
    public static ServicePortRange Default { get; } = new();

    public bool Contains(int port) => port >= Min && port <= Max;
}
