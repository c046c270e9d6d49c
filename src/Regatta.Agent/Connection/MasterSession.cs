using System.Net.WebSockets;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Regatta.Agent.Logging;
using Regatta.Agent.Runtime;
using Regatta.Protocol.Agent;

namespace Regatta.Agent.Connection;

/// <summary>
/// One WebSocket to the master: a writer that drains the outbox into one <see cref="AgentFrame"/> per send, a reader
/// that hands each <see cref="MasterFrame"/> to the agent loop, and a watchdog that ends the session after three ping
/// intervals without a message from the master.
/// </summary>
internal sealed class MasterSession : IMasterSession, IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<AgentMessage> _outbox = Channel.CreateUnbounded<AgentMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly IAgentInbox _inbox;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _lastReceived;
    private long _pingIntervalTicks;
    private string? _closeReason;

    public MasterSession(IAgentInbox inbox, TimeProvider time, TimeSpan pingInterval, ILogger logger)
    {
        _inbox = inbox;
        _time = time;
        _logger = logger;
        _pingIntervalTicks = pingInterval.Ticks;
        _socket.Options.AddSubProtocol(AgentProtocol.SubProtocol);
    }

    /// <summary>The master admitted the agent on this connection.</summary>
    public bool WasRegistered { get; private set; }

    public bool ReconnectAtOnce { get; private set; }

    public async Task ConnectAsync(Uri uri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(timeout);
        await _socket.ConnectAsync(uri, linked.Token).ConfigureAwait(false);
        if (_socket.SubProtocol != AgentProtocol.SubProtocol)
        {
            throw new WebSocketException($"master did not accept subprotocol {AgentProtocol.SubProtocol} (got '{_socket.SubProtocol}')");
        }

        Touch();
    }

    public bool TrySend(AgentMessage message) => _outbox.Writer.TryWrite(message);

    public void Close(string reason, bool reconnectAtOnce)
    {
        _closeReason ??= reason;
        ReconnectAtOnce |= reconnectAtOnce;
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The session already ended; the loop has not heard yet.
        }
    }

    public void SetPingInterval(TimeSpan interval) => Interlocked.Exchange(ref _pingIntervalTicks, interval.Ticks);

    /// <summary>Runs until the connection ends; returns why it ended.</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var token = linked.Token;
        var reader = ReadAsync(token);
        var writer = WriteAsync(token);
        var watchdog = WatchAsync(token);
        var first = await Task.WhenAny(reader, writer, watchdog).ConfigureAwait(false);
        await linked.CancelAsync().ConfigureAwait(false);
        _outbox.Writer.TryComplete();

        var (status, reason) = await Outcome(first, cancellationToken).ConfigureAwait(false);
        foreach (var task in new[] { reader, writer, watchdog })
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
            {
                // Already accounted for in the outcome.
            }
        }

        await CloseSocketAsync(status, reason).ConfigureAwait(false);
        return reason;
    }

    public void Dispose()
    {
        _socket.Dispose();
        _closing.Dispose();
    }

    private async Task<(WebSocketCloseStatus Status, string Reason)> Outcome(Task<(WebSocketCloseStatus, string)> first, CancellationToken cancellationToken)
    {
        if (_closeReason is not null)
        {
            return (WebSocketCloseStatus.NormalClosure, _closeReason);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return (WebSocketCloseStatus.EndpointUnavailable, "agent stopping");
        }

        try
        {
            return await first.ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            return (WebSocketCloseStatus.EndpointUnavailable, e.Message);
        }
    }

    private async Task<(WebSocketCloseStatus, string)> ReadAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (WebSocketCloseStatus.NormalClosure, $"master closed the connection ({_socket.CloseStatus}: {_socket.CloseStatusDescription})");
            }

            if (result.MessageType == WebSocketMessageType.Text)
            {
                return Violation(WebSocketCloseStatus.InvalidMessageType, "text frames are not part of the agent protocol; frames must be binary MasterFrame messages");
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > AgentProtocol.MaxIncomingFrameBytes)
            {
                return Violation(WebSocketCloseStatus.MessageTooBig, $"master frame exceeds {AgentProtocol.MaxIncomingFrameBytes} bytes");
            }

            if (!result.EndOfMessage)
            {
                continue;
            }

            MasterFrame frame;
            try
            {
                frame = MasterFrame.Parser.ParseFrom(message.GetBuffer(), 0, (int)message.Length);
            }
            catch (InvalidProtocolBufferException e)
            {
                return Violation(WebSocketCloseStatus.InvalidPayloadData, "undecodable MasterFrame: " + e.Message);
            }

            message.SetLength(0);
            Touch();
            foreach (var m in frame.Messages)
            {
                if (m.KindCase == MasterMessage.KindOneofCase.Registered)
                {
                    WasRegistered = true;
                }
            }

            _inbox.Post(new AgentInput.FrameReceived(this, frame));
        }
    }

    private (WebSocketCloseStatus, string) Violation(WebSocketCloseStatus status, string reason)
    {
        _logger.ProtocolViolation(reason);
        return (status, reason);
    }

    private async Task<(WebSocketCloseStatus, string)> WriteAsync(CancellationToken cancellationToken)
    {
        var reader = _outbox.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var frame = new AgentFrame();
            var size = 0;
            while (size < AgentProtocol.MaxFrameBytes && reader.TryRead(out var message))
            {
                frame.Messages.Add(message);
                size += message.CalculateSize();
            }

            await _socket.SendAsync(frame.ToByteArray(), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }

        return (WebSocketCloseStatus.NormalClosure, "outbox closed");
    }

    private async Task<(WebSocketCloseStatus, string)> WatchAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var interval = TimeSpan.FromTicks(Interlocked.Read(ref _pingIntervalTicks));
            var limit = interval * AgentProtocol.SilentIntervals;
            var check = TimeSpan.FromTicks(Math.Clamp(interval.Ticks / 3, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(5).Ticks));
            await Task.Delay(check, _time, cancellationToken).ConfigureAwait(false);
            var silence = _time.GetElapsedTime(Interlocked.Read(ref _lastReceived));
            if (silence > limit)
            {
                _logger.MasterSilent(silence);
                return (WebSocketCloseStatus.PolicyViolation, $"no message from the master for {silence.TotalSeconds:0.#}s");
            }
        }
    }

    private void Touch() => Interlocked.Exchange(ref _lastReceived, _time.GetTimestamp());

    private async Task CloseSocketAsync(WebSocketCloseStatus status, string reason)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var description = reason.Length > 120 ? reason[..120] : reason;
            await _socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The peer is gone; nothing more to say to it.
        }
    }
}
