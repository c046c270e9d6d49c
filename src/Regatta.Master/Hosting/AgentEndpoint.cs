using System.Buffers;
using System.Net.WebSockets;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Regatta.Protocol.Agent;

namespace Regatta.Master.Hosting;

/// <summary>
/// GET /agent/v1: upgrades to a WebSocket with subprotocol <see cref="SubProtocol"/>, then reads binary
/// <see cref="AgentFrame"/> messages and posts each to the actor. Text frames, oversized frames and
/// undecodable frames close the socket with 1003, 1009 and 1007 respectively and a reason.
/// </summary>
internal sealed class AgentEndpoint
{
    public const string Path = "/agent/v1";
    public const string SubProtocol = "regatta.agent.v1";

    private readonly Func<MasterActor?> _actor;
    private readonly int _maxFrameBytes;
    private readonly ILogger _logger;
    private long _nextConnectionId;

    public AgentEndpoint(Func<MasterActor?> actor, int maxFrameBytes, ILogger logger)
    {
        _actor = actor;
        _maxFrameBytes = maxFrameBytes;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await WriteTextAsync(context, StatusCodes.Status400BadRequest, $"Expecting a WebSocket upgrade with subprotocol '{SubProtocol}'").ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol, StringComparer.Ordinal))
        {
            await WriteTextAsync(context, StatusCodes.Status400BadRequest, $"Unsupported agent protocol; this master speaks '{SubProtocol}'").ConfigureAwait(false);
            return;
        }

        if (_actor() is not { } actor)
        {
            await WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, "Master has not finished recovery").ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = SubProtocol }).ConfigureAwait(false);
        var connection = new AgentConnection(socket, Interlocked.Increment(ref _nextConnectionId), context.Connection.RemoteIpAddress?.MapToIPv4().ToString());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, actor.Stopping);
        var writer = connection.RunWriterAsync(stop.Token);
        try
        {
            await ReadLoopAsync(actor, socket, connection, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            actor.Post((core, now) => core.AgentConnectionClosed(connection, now));
            connection.Close(WebSocketCloseStatus.NormalClosure, "closing");
            await writer.ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync(MasterActor actor, WebSocket socket, AgentConnection connection, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= _maxFrameBytes)
                        {
                            Reject(connection, WebSocketCloseStatus.MessageTooBig, $"frame larger than {_maxFrameBytes} bytes");
                            return;
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _maxFrameBytes));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.MessageType != WebSocketMessageType.Binary)
                {
                    Reject(connection, WebSocketCloseStatus.InvalidMessageType, "agent protocol frames must be binary");
                    return;
                }

                AgentFrame frame;
                try
                {
                    frame = AgentFrame.Parser.ParseFrom(buffer, 0, length);
                }
                catch (InvalidProtocolBufferException error)
                {
                    Reject(connection, WebSocketCloseStatus.InvalidPayloadData, $"undecodable AgentFrame: {error.Message}");
                    return;
                }

                if (!actor.Post((core, now) => core.HandleAgentFrame(connection, frame, now)))
                {
                    return;
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or IOException)
        {
            // Disconnected; the caller reports it to the actor.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Reject(AgentConnection connection, WebSocketCloseStatus status, string reason)
    {
        _logger.AgentConnectionRejected(connection.ConnectionId, connection.RemoteIp, reason);
        connection.Close(status, reason);
    }

    internal static async Task WriteTextAsync(HttpContext context, int statusCode, string text)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }
}
