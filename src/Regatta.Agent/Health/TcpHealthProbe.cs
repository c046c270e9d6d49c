using System.Net;
using System.Net.Sockets;

namespace Regatta.Agent.Health;

/// <summary>TCP check: healthy when a connection to 127.0.0.1:port is accepted.</summary>
internal sealed class TcpHealthProbe(int port) : IHealthProbe
{
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient(AddressFamily.InterNetwork);
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (SocketException e)
        {
            return $"TCP connection to 127.0.0.1:{port} failed: {e.Message}";
        }
    }
}
