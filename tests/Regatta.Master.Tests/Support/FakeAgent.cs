using System.Net.WebSockets;
using System.Threading.Channels;
using Google.Protobuf;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Resources;
using MesosTask = Regatta.Protocol.V1.Task;
using Task = System.Threading.Tasks.Task;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Master.Tests.Support;

/// <summary>
/// An agent speaking the real protocol over a real WebSocket: registers, records what the master sends,
/// answers pings unless told not to, and sends status updates on request.
/// </summary>
internal sealed class FakeAgent : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<MasterMessage> _inbox = Channel.CreateUnbounded<MasterMessage>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;

    public bool AnswerPings { get; set; } = true;

    public string AgentId { get; private set; } = "";

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public static async Task<FakeAgent> ConnectAsync(Uri master)
    {
        var agent = new FakeAgent();
        agent._socket.Options.AddSubProtocol("regatta.agent.v1");
        var uri = new UriBuilder(master) { Scheme = "ws", Path = "/agent/v1" }.Uri;
        await agent._socket.ConnectAsync(uri, CancellationToken.None);
        agent._reader = Task.Run(agent.ReadAsync);
        return agent;
    }

    public async Task<Registered> RegisterAsync(
        string resources = "cpus:4;mem:4096", string? agentId = null, IEnumerable<MesosTask>? tasks = null, IEnumerable<FrameworkInfo>? frameworks = null)
    {
        var info = new AgentInfo { Hostname = "fake-agent", Port = 5051 };
        info.Resources.AddRange(ResourceWire.ToProto(ResourceText.Parse(resources)));
        if (agentId is not null)
        {
            info.Id = new AgentID { Value = agentId };
        }

        var register = new Register { AgentInfo = info, Version = "test", ConnectionEpoch = 1 };
        register.Tasks.AddRange(tasks ?? []);
        register.Frameworks.AddRange(frameworks ?? []);
        await SendAsync(new AgentMessage { Register = register });
        var registered = (await NextAsync(MasterMessage.KindOneofCase.Registered)).Registered;
        AgentId = registered.AgentId.Value;
        return registered;
    }

    public async Task<MasterMessage> NextAsync(MasterMessage.KindOneofCase kind, double timeoutSeconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            MasterMessage message;
            try
            {
                message = await _inbox.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {kind} from the master within {timeoutSeconds} s");
            }

            if (message.KindCase == kind)
            {
                return message;
            }
        }
    }

    public async Task<ByteString> SendUpdateAsync(string frameworkId, string taskId, TaskState state, TaskState? latest = null)
    {
        var uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray());
        var update = new StatusUpdate
        {
            FrameworkId = new FrameworkID { Value = frameworkId },
            Status = new TaskStatus
            {
                TaskId = new TaskID { Value = taskId },
                State = state,
                Source = TaskStatus.Types.Source.Executor,
                AgentId = new AgentID { Value = AgentId },
                ExecutorId = new ExecutorID { Value = taskId },
                Uuid = uuid,
                Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
            },
            LatestState = latest ?? state,
        };
        await SendAsync(new AgentMessage { StatusUpdate = update });
        return uuid;
    }

    public async Task SendAsync(params AgentMessage[] messages)
    {
        var frame = new AgentFrame();
        frame.Messages.AddRange(messages);
        await SendRawAsync(frame.ToByteArray(), WebSocketMessageType.Binary);
    }

    public async Task SendRawAsync(byte[] payload, WebSocketMessageType type)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(payload, type, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Completes when the master closes the connection.</summary>
    public Task Closed => _reader;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        try
        {
            await _reader;
        }
        catch (Exception)
        {
            // Aborted under the reader.
        }

        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stop.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                foreach (var message in MasterFrame.Parser.ParseFrom(buffer, 0, length).Messages)
                {
                    if (message.KindCase == MasterMessage.KindOneofCase.Ping && AnswerPings)
                    {
                        await SendAsync(new AgentMessage { Pong = new Pong { Sequence = message.Ping.Sequence } });
                    }

                    _inbox.Writer.TryWrite(message);
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed.
        }
        finally
        {
            _inbox.Writer.TryComplete();
        }
    }
}
