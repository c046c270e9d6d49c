using System.Net.WebSockets;
using System.Threading.Channels;
using Google.Protobuf;
using Regatta.Master.Core;
using Regatta.Protocol.Agent;

namespace Regatta.Master.Hosting;

/// <summary>
/// The master's side of one agent WebSocket. A single writer task drains the outbound queue and coalesces
/// whatever is waiting into one <see cref="MasterFrame"/> (up to <see cref="MaxFrameBytes"/>) per WebSocket
/// message; the close handshake is sent by the same task, since a WebSocket allows one sender at a time.
/// </summary>
internal sealed class AgentConnection : IAgentConnection
{
    /// <summary>Target size of one coalesced frame.</summary>
    public const int MaxFrameBytes = 1024 * 1024;

    /// <summary>An agent this far behind is not reading; it is disconnected rather than buffered without bound.</summary>
    private const int MaxQueuedMessages = 100_000;

    private readonly WebSocket _socket;
    private readonly Channel<MasterMessage> _outbound = Channel.CreateUnbounded<MasterMessage>(new UnboundedChannelOptions { SingleReader = true });
    private int _queued;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "";
    private bool _closeRequested;

    public AgentConnection(WebSocket socket, long connectionId, string? remoteIp)
    {
        _socket = socket;
        ConnectionId = connectionId;
        RemoteIp = remoteIp;
    }

    public long ConnectionId { get; }

    public string? RemoteIp { get; }

    public bool TrySend(MasterMessage message)
    {
        if (Interlocked.Increment(ref _queued) > MaxQueuedMessages)
        {
            Close(WebSocketCloseStatus.PolicyViolation, "agent is not reading its messages");
            return false;
        }

        return _outbound.Writer.TryWrite(message);
    }

    public void Close(WebSocketCloseStatus status, string reason)
    {
        lock (_outbound)
        {
            if (_closeRequested)
            {
                return;
            }

            _closeRequested = true;
            _closeStatus = status;
            _closeReason = reason.Length > 120 ? reason[..120] : reason;
        }

        _outbound.Writer.TryComplete();
    }

    /// <summary>Sends queued messages until closed, then performs the close handshake.</summary>
    public async Task RunWriterAsync(CancellationToken cancellationToken)
    {
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var frame = new MasterFrame();
                var size = 0;
                while (size < MaxFrameBytes && reader.TryRead(out var message))
                {
                    Interlocked.Decrement(ref _queued);
                    frame.Messages.Add(message);
                    size += message.CalculateSize() + 5;
                }

                if (frame.Messages.Count > 0)
                {
                    await _socket.SendAsync(frame.ToByteArray(), WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
                }
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                string reason;
                WebSocketCloseStatus status;
                lock (_outbound)
                {
                    status = _closeStatus;
                    reason = _closeReason;
                }

                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(status, reason, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The peer vanished; the read side reports the disconnect.
        }
    }
}
