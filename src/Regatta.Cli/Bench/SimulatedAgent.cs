using System.Net.WebSockets;
using Google.Protobuf;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;

using Task = System.Threading.Tasks.Task;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;
using WireFormat = Regatta.Protocol.WireFormat;

namespace Regatta.Cli.Bench;

/// <summary>
/// A lightweight agent for cluster-scale benchmarks: it speaks the real agent protocol (docs/protocols/agent.md) over
/// a real WebSocket, but "runs" a task by answering RunTask with TASK_RUNNING at once. Many live in one process.
/// </summary>
internal sealed class SimulatedAgent(Uri master, string hostname, IReadOnlyList<Resource> resources) : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly TaskCompletionSource<AgentID> registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? receiver;

    public Task<AgentID> Registered => registered.Task;

    public int TasksRunning { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        socket.Options.AddSubProtocol("regatta.agent.v1");
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var ws = new UriBuilder(master) { Scheme = master.Scheme == "https" ? "wss" : "ws", Path = "/agent/v1" }.Uri;
        await socket.ConnectAsync(ws, cancellationToken).ConfigureAwait(false);
        var info = new AgentInfo { Hostname = hostname, Port = 5051 };
        info.Resources.AddRange(resources);
        var register = new AgentMessage { Register = new Register { AgentInfo = info, Version = BuildInfo.MesosVersion, ConnectionEpoch = 1 } };
        await SendAsync([register], cancellationToken).ConfigureAwait(false);
        receiver = ReceiveLoopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (WebSocketException)
        {
            // Already gone: nothing to close.
        }

        socket.Abort();
        if (receiver is not null)
        {
            await receiver.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        socket.Dispose();
        sendLock.Dispose();
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        AgentID? agentId = null;
        try
        {
            while (socket.State == WebSocketState.Open && !cancellationToken.IsCancellationRequested)
            {
                message.SetLength(0);
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var frame = MasterFrame.Parser.ParseFrom(message.GetBuffer().AsSpan(0, (int)message.Length));
                List<AgentMessage>? replies = null;
                foreach (var m in frame.Messages)
                {
                    switch (m.KindCase)
                    {
                        case MasterMessage.KindOneofCase.Registered:
                            agentId = m.Registered.AgentId;
                            registered.TrySetResult(agentId);
                            break;
                        case MasterMessage.KindOneofCase.Ping:
                            (replies ??= []).Add(new AgentMessage { Pong = new Pong { Sequence = m.Ping.Sequence } });
                            break;
                        case MasterMessage.KindOneofCase.RunTask when agentId is not null:
                            TasksRunning++;
                            (replies ??= []).Add(Update(m.RunTask, agentId));
                            break;
                        case MasterMessage.KindOneofCase.Refused:
                            registered.TrySetException(new InvalidOperationException(m.Refused.Message));
                            return;
                        default:
                            // Acknowledgements and other messages need no answer from a simulated agent.
                            break;
                    }
                }

                if (replies is not null)
                {
                    await SendAsync(replies, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidProtocolBufferException)
        {
            registered.TrySetException(e);
        }
    }

    private static AgentMessage Update(RunTask run, AgentID agentId) => new()
    {
        StatusUpdate = new StatusUpdate
        {
            FrameworkId = run.Framework.Id,
            LatestState = TaskState.TaskRunning,
            Status = new TaskStatus
            {
                TaskId = run.Task.TaskId,
                State = TaskState.TaskRunning,
                Source = TaskStatus.Types.Source.Executor,
                AgentId = agentId,
                ExecutorId = new ExecutorID { Value = run.Task.TaskId.Value },
                Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
                Uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            },
        },
    };

    private async Task SendAsync(IEnumerable<AgentMessage> messages, CancellationToken cancellationToken)
    {
        var frame = new AgentFrame();
        frame.Messages.AddRange(messages);
        var bytes = frame.ToByteArray();
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }
    }
}
