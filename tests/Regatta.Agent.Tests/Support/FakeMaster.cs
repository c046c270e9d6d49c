using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regatta.Protocol.Agent;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Support;

/// <summary>
/// A tiny master for protocol tests: a Kestrel WebSocket endpoint at /agent/v1 that records every AgentMessage the agent
/// sends and lets the test send MasterMessages or drop the connection.
/// </summary>
internal sealed class FakeMaster : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly Channel<AgentMessage> _received = Channel.CreateUnbounded<AgentMessage>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private WebApplication? _app;
    private WebSocket? _current;
    private int _connections;

    public int Port { get; private set; }

    /// <summary>Options for an agent under test that registers with this fake master: loopback, OS-chosen port,
    /// a fast reconnect and small resources with a few ports. Tests vary them with <c>with</c>.</summary>
    public AgentOptions AgentOptions(string workDir) => new()
    {
        Master = $"127.0.0.1:{Port}",
        Ip = "127.0.0.1",
        Port = 0,
        Hostname = "agent.test",
        WorkDir = workDir,
        Resources = "cpus:2;mem:1024;disk:1024;ports:[31000-31005]",
        RegistrationBackoffFactor = TimeSpan.FromMilliseconds(50),
    };

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every message received so far, in order.</summary>
    public List<AgentMessage> All { get; } = [];

    /// <summary>A RunTask of a shell command task (0.5 cpus) on agent M-S0 for framework F-0000.</summary>
    public static MasterMessage RunTask(string taskId, string command)
    {
        var task = new V1.TaskInfo
        {
            Name = taskId,
            TaskId = new V1.TaskID { Value = taskId },
            AgentId = new V1.AgentID { Value = "M-S0" },
            Command = new V1.CommandInfo { Value = command },
        };
        task.Resources.Add(new V1.Resource { Name = "cpus", Type = V1.Value.Types.Type.Scalar, Scalar = new V1.Value.Types.Scalar { Value = 0.5 } });
        return new MasterMessage
        {
            RunTask = new RunTask
            {
                Framework = new V1.FrameworkInfo { Id = new V1.FrameworkID { Value = "F-0000" }, Name = "test", User = "root" },
                Task = task,
            },
        };
    }

    public static async Task<FakeMaster> StartAsync()
    {
        var master = new FakeMaster();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/agent/v1", master.AcceptAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        master.Port = new Uri(address).Port;
        master._app = app;
        return master;
    }

    public async Task<AgentMessage> NextAsync(Func<AgentMessage, bool> match)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var message = await _received.Reader.ReadAsync(timeout.Token);
            if (match(message))
            {
                return message;
            }
        }
    }

    public Task<AgentMessage> NextRegisterAsync() => NextAsync(m => m.Register is not null);

    public async Task<V1.TaskStatus> NextUpdateAsync() => (await NextAsync(m => m.StatusUpdate is not null)).StatusUpdate.Status;

    public async Task SendAsync(params MasterMessage[] messages)
    {
        var frame = new MasterFrame();
        frame.Messages.AddRange(messages);
        await _sendLock.WaitAsync();
        try
        {
            var socket = _current ?? throw new InvalidOperationException("no agent connected");
            await socket.SendAsync(frame.ToByteArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task RegisteredAsync(string agentId, double pingIntervalSeconds = 15) => SendAsync(new MasterMessage
    {
        Registered = new Registered
        {
            AgentId = new V1.AgentID { Value = agentId },
            MasterInfo = new V1.MasterInfo { Id = "M", Ip = 16777343, Port = (uint)Port, Hostname = "fake-master" },
            PingIntervalSeconds = pingIntervalSeconds,
        },
    });

    public Task AckAsync(V1.TaskStatus status, string frameworkId) => SendAsync(new MasterMessage
    {
        Acknowledge = new AcknowledgeUpdate { FrameworkId = new V1.FrameworkID { Value = frameworkId }, TaskId = status.TaskId, Uuid = status.Uuid },
    });

    /// <summary>Cuts the TCP connection without a close handshake, as a crashed master or a partition would.</summary>
    public void Drop() => Abort(Interlocked.Exchange(ref _current, null));

    public async ValueTask DisposeAsync()
    {
        Drop();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _sendLock.Dispose();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || !context.WebSockets.WebSocketRequestedProtocols.Contains("regatta.agent.v1"))
        {
            context.Response.StatusCode = 400;
            return;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync("regatta.agent.v1");
        Interlocked.Increment(ref _connections);
        Abort(Interlocked.Exchange(ref _current, socket));
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                var frame = AgentFrame.Parser.ParseFrom(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                foreach (var m in frame.Messages)
                {
                    lock (All)
                    {
                        All.Add(m);
                    }

                    _received.Writer.TryWrite(m);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The test dropped the connection, or the agent went away.
        }
        finally
        {
            Interlocked.CompareExchange(ref _current, null, socket);
        }
    }

    private static void Abort(WebSocket? socket)
    {
        try
        {
            socket?.Abort();
        }
        catch (Exception e) when (e is ObjectDisposedException or NullReferenceException)
        {
            // Its request already ended (ASP.NET Core throws either, depending on how far the context was reset).
        }
    }
}
