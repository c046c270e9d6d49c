using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Regatta.Agent.Logging;
using Regatta.Agent.Runtime;

namespace Regatta.Agent.Connection;

/// <summary>
/// Keeps the agent connected to its master: connect, hand the session to the agent loop (which sends Register first),
/// run it until it ends, then reconnect after a random backoff (reset once a connection got as far as Registered).
/// </summary>
internal sealed class MasterConnection(
    MasterAddress master,
    IAgentInbox inbox,
    TimeProvider time,
    Random random,
    TimeSpan backoffFactor,
    TimeSpan backoffMax,
    TimeSpan defaultPingInterval,
    ILogger logger)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var uri = master.WebSocketUri(AgentProtocol.Path);
        var failures = 0;
        ulong epoch = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            epoch++;
            using var session = new MasterSession(inbox, time, defaultPingInterval, logger);
            string reason;
            var connected = false;
            try
            {
                logger.Connecting(master.ToString(), failures + 1, epoch);
                await session.ConnectAsync(uri, ConnectTimeout, cancellationToken).ConfigureAwait(false);
                connected = true;
                inbox.Post(new AgentInput.Connected(session, epoch));
                reason = await session.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                reason = "agent stopping";
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
            {
                reason = e.Message;
            }

            if (connected)
            {
                inbox.Post(new AgentInput.Disconnected(session, reason));
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            failures = session.WasRegistered ? 0 : failures + 1;
            var delay = session.ReconnectAtOnce ? TimeSpan.Zero : Backoff.Next(random, backoffFactor, backoffMax, Math.Max(0, failures - 1));
            logger.ConnectFailed(master.ToString(), reason, delay);
            try
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
