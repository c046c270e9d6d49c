using System.Net;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Regatta.Protocol;
using Regatta.Resources;
using Regatta.Services.Tests.Support;
using Call = Regatta.Protocol.V1.Scheduler.Call;
using Event = Regatta.Protocol.V1.Scheduler.Event;
using V1 = Regatta.Protocol.V1;
using WireFormat = Regatta.Protocol.WireFormat;

namespace Regatta.Services.Tests.Http;

/// <summary>
/// A test double of a Mesos master for the REST contract tests: just enough of the public v1 Scheduler HTTP API.
/// <c>POST /api/v1/scheduler</c> with SUBSCRIBE answers 200 with a RecordIO stream (JSON) that starts with
/// SUBSCRIBED and then carries the events the test pushes (offers, status updates) and heartbeats; any other call is
/// recorded and answered 202. The real master is covered by the end-to-end tests.
/// </summary>
internal sealed class FakeMaster : IAsyncDisposable
{
    public const string FrameworkId = "fake-master-framework-0000";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    private readonly WebApplication app;
    private readonly Channel<Event> outgoing = Channel.CreateUnbounded<Event>();
    private readonly List<Call> calls = [];
    private readonly HashSet<Call> taken = [];
    private readonly TaskCompletionSource subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int offerCount;

    private FakeMaster(WebApplication app) => this.app = app;

    /// <summary><c>host:port</c>, as <c>--master</c> takes it.</summary>
    public string Address { get; private set; } = "";

    public static async Task<FakeMaster> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var master = new FakeMaster(builder.Build());
        master.app.MapPost("/api/v1/scheduler", master.HandleAsync);
        await master.app.StartAsync();
        master.Address = new Uri(master.app.Urls.First()).Authority;
        return master;
    }

    /// <summary>Completes once a framework has subscribed.</summary>
    public Task WhenSubscribedAsync() => subscribed.Task.WaitAsync(ServicesServer.Patience);

    /// <summary>Pushes one offer; <paramref name="resources"/> in Mesos text form (<c>cpus:1;mem:128;ports:[31000-31000]</c>).</summary>
    public string Offer(string agentId, string hostname, string resources)
    {
        var offer = new V1.Offer
        {
            Id = new V1.OfferID { Value = $"offer-{Interlocked.Increment(ref offerCount)}" },
            FrameworkId = new V1.FrameworkID { Value = FrameworkId },
            AgentId = new V1.AgentID { Value = agentId },
            Hostname = hostname,
        };
        offer.Resources.AddRange(ResourceWire.ToProto(ResourceText.Parse(resources)));
        var offers = new Event.Types.Offers();
        offers.Offers_.Add(offer);
        Push(new Event { Type = Event.Types.Type.Offers, Offers = offers });
        return offer.Id.Value;
    }

    /// <summary>Pushes a status update as an agent would send it (with a uuid, so it must be acknowledged).</summary>
    public void Update(string taskId, string agentId, V1.TaskState state, string? message = null)
    {
        var status = new V1.TaskStatus
        {
            TaskId = new V1.TaskID { Value = taskId },
            AgentId = new V1.AgentID { Value = agentId },
            State = state,
            Source = V1.TaskStatus.Types.Source.Executor,
            Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
            Uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
        };
        if (message is not null)
        {
            status.Message = message;
        }

        Push(new Event { Type = Event.Types.Type.Update, Update = new Event.Types.Update { Status = status } });
    }

    public void Push(Event masterEvent) => outgoing.Writer.TryWrite(masterEvent);

    /// <summary>The next call of that type (and matching <paramref name="where"/>) that no earlier wait returned.</summary>
    public async Task<Call> NextCallAsync(Call.Types.Type type, Func<Call, bool>? where = null)
    {
        var deadline = DateTime.UtcNow + ServicesServer.Patience;
        while (true)
        {
            lock (calls)
            {
                var call = calls.FirstOrDefault(c => c.Type == type && !taken.Contains(c) && (where is null || where(c)));
                if (call is not null)
                {
                    taken.Add(call);
                    return call;
                }

                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"The scheduler sent no {type} call; it sent: {string.Join(", ", calls.Select(c => c.Type))}");
                }
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Every call received so far (SUBSCRIBE excluded).</summary>
    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (calls)
            {
                return [.. calls];
            }
        }
    }

    /// <summary>Launches from one ACCEPT: the tasks in it, as the test will report them running.</summary>
    public static IReadOnlyList<V1.TaskInfo> Launched(Call accept) =>
        [.. accept.Accept.Operations.Where(o => o.Type == V1.Offer.Types.Operation.Types.Type.Launch).SelectMany(o => o.Launch.TaskInfos)];

    public async ValueTask DisposeAsync()
    {
        outgoing.Writer.TryComplete();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        Call call;
        try
        {
            call = MesosCodec.Decode<Call>(body.ToArray(), WireFormat.Json);
        }
        catch (MesosDecodeException e)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync(e.Message);
            return;
        }

        if (call.Type != Call.Types.Type.Subscribe)
        {
            lock (calls)
            {
                calls.Add(call);
            }

            context.Response.StatusCode = 202;
            return;
        }

        await StreamAsync(context);
    }

    private async Task StreamAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        context.Response.StatusCode = 200;
        context.Response.ContentType = MesosMediaType.Json;
        context.Response.Headers["Mesos-Stream-Id"] = Guid.NewGuid().ToString();
        await WriteAsync(context, new Event
        {
            Type = Event.Types.Type.Subscribed,
            Subscribed = new Event.Types.Subscribed
            {
                FrameworkId = new V1.FrameworkID { Value = FrameworkId },
                HeartbeatIntervalSeconds = Heartbeat.TotalSeconds,
            },
        }, aborted);
        subscribed.TrySetResult();
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                wait.CancelAfter(Heartbeat);
                Event next;
                try
                {
                    if (!await outgoing.Reader.WaitToReadAsync(wait.Token))
                    {
                        return;
                    }

                    if (!outgoing.Reader.TryRead(out next!))
                    {
                        continue;
                    }
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    next = new Event { Type = Event.Types.Type.Heartbeat };
                }

                await WriteAsync(context, next, aborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The scheduler went away (or the test is over).
        }
    }

    private static async Task WriteAsync(HttpContext context, Event masterEvent, CancellationToken cancellationToken)
    {
        await RecordIOWriter.WriteRecordAsync(context.Response.Body, MesosCodec.Encode(masterEvent, WireFormat.Json), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
