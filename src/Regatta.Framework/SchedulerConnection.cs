using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Google.Protobuf;
using Regatta.Protocol;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;

using Task = System.Threading.Tasks.Task;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;
using WireFormat = Regatta.Protocol.WireFormat;

namespace Regatta.Framework;

/// <summary>
/// A framework's side of the Mesos v1 Scheduler HTTP API: one long-lived SUBSCRIBE stream delivering events
/// (RecordIO framed) and separate POSTs for calls, each carrying the framework id and the Mesos-Stream-Id.
/// Follows 307 redirects to the leading master on SUBSCRIBE.
/// </summary>
public sealed class SchedulerConnection : IAsyncDisposable
{
    private const int MaxRedirects = 5;
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly HttpResponseMessage subscription;
    private readonly CancellationTokenSource stop;
    private readonly Channel<Event> events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });
    private readonly Task pump;

    private SchedulerConnection(HttpClient http, bool ownsHttp, Uri endpoint, WireFormat format, HttpResponseMessage subscription, IAsyncEnumerator<ReadOnlyMemory<byte>> records, CancellationTokenSource stop, Event subscribed)
    {
        this.stop = stop;
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.subscription = subscription;
        Endpoint = endpoint;
        Format = format;
        StreamId = subscription.Headers.TryGetValues("Mesos-Stream-Id", out var ids) ? ids.First() : "";
        FrameworkId = subscribed.Subscribed.FrameworkId;
        MasterInfo = subscribed.Subscribed.MasterInfo;
        HeartbeatInterval = TimeSpan.FromSeconds(subscribed.Subscribed.HeartbeatIntervalSeconds);
        pump = PumpAsync(records, stop.Token);
    }

    /// <summary>The scheduler endpoint of the master this connection is subscribed to (after redirects).</summary>
    public Uri Endpoint { get; }

    public WireFormat Format { get; }

    public string StreamId { get; }

    public FrameworkID FrameworkId { get; }

    public MasterInfo? MasterInfo { get; }

    public TimeSpan HeartbeatInterval { get; }

    /// <summary>Events after SUBSCRIBED, in order. Completes when the stream ends (with the error, if any).</summary>
    public ChannelReader<Event> Events => events.Reader;

    /// <summary>Completes when the event stream has ended.</summary>
    public Task Closed => pump;

    public static async Task<SchedulerConnection> SubscribeAsync(
        Uri master,
        FrameworkInfo frameworkInfo,
        WireFormat format = WireFormat.Json,
        HttpClient? httpClient = null,
        IEnumerable<string>? suppressedRoles = null,
        CancellationToken cancellationToken = default)
    {
        var ownsHttp = httpClient is null;
        var http = httpClient ?? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var call = new Call { Type = Call.Types.Type.Subscribe, Subscribe = new Call.Types.Subscribe { FrameworkInfo = frameworkInfo } };
        if (frameworkInfo.Id is not null)
        {
            call.FrameworkId = frameworkInfo.Id;
        }

        if (suppressedRoles is not null)
        {
            call.Subscribe.SuppressedRoles.AddRange(suppressedRoles);
        }

        var endpoint = SchedulerEndpoint(master);
        for (var attempt = 0; ; attempt++)
        {
            using var request = NewRequest(endpoint, call, format, streamId: null);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TemporaryRedirect && response.Headers.Location is { } location && attempt < MaxRedirects)
            {
                response.Dispose();
                endpoint = ResolveRedirect(endpoint, location);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                response.Dispose();
                if (ownsHttp)
                {
                    http.Dispose();
                }

                throw new SchedulerCallException(response.StatusCode, text, "SUBSCRIBE");
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            // The stream outlives this call, so it is not bound to the caller's token but to the connection's own,
            // which DisposeAsync cancels; cancelling while waiting for SUBSCRIBED closes the response instead.
            var stop = new CancellationTokenSource();
            var records = new RecordIOReader().ReadRecordsAsync(body, stop.Token).GetAsyncEnumerator(stop.Token);
            bool gotFirst;
            using (cancellationToken.Register(response.Dispose))
            {
                gotFirst = await records.MoveNextAsync().ConfigureAwait(false);
            }

            if (!gotFirst)
            {
                throw new IOException("SUBSCRIBE stream ended before SUBSCRIBED");
            }

            var first = MesosCodec.Decode<Event>(records.Current.Span, format);
            if (first.Type != Event.Types.Type.Subscribed)
            {
                await records.DisposeAsync().ConfigureAwait(false);
                response.Dispose();
                stop.Dispose();
                throw new SchedulerCallException(HttpStatusCode.OK, first.Error?.Message ?? first.Type.ToString(), "SUBSCRIBE");
            }

            return new SchedulerConnection(http, ownsHttp, endpoint, format, response, records, stop, first);
        }
    }

    /// <summary>Sends a call on its own connection; fills in framework_id. Throws <see cref="SchedulerCallException"/> unless 2xx.</summary>
    public async Task CallAsync(Call call, CancellationToken cancellationToken = default)
    {
        call.FrameworkId ??= FrameworkId;
        using var request = NewRequest(Endpoint, call, Format, StreamId);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new SchedulerCallException(response.StatusCode, text, call.Type.ToString());
        }
    }

    public Task LaunchAsync(Offer offer, IEnumerable<TaskInfo> tasks, double? refuseSeconds = null, CancellationToken cancellationToken = default) =>
        LaunchAsync([offer.Id], tasks, refuseSeconds, cancellationToken);

    public Task LaunchAsync(IEnumerable<OfferID> offerIds, IEnumerable<TaskInfo> tasks, double? refuseSeconds = null, CancellationToken cancellationToken = default)
    {
        var accept = new Call.Types.Accept();
        accept.OfferIds.AddRange(offerIds);
        var launch = new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.Launch, Launch = new Offer.Types.Operation.Types.Launch() };
        launch.Launch.TaskInfos.AddRange(tasks);
        accept.Operations.Add(launch);
        if (refuseSeconds is { } r)
        {
            accept.Filters = new Filters { RefuseSeconds = r };
        }

        return CallAsync(new Call { Type = Call.Types.Type.Accept, Accept = accept }, cancellationToken);
    }

    public Task DeclineAsync(IEnumerable<OfferID> offerIds, double? refuseSeconds = null, CancellationToken cancellationToken = default)
    {
        var decline = new Call.Types.Decline();
        decline.OfferIds.AddRange(offerIds);
        if (refuseSeconds is { } r)
        {
            decline.Filters = new Filters { RefuseSeconds = r };
        }

        return CallAsync(new Call { Type = Call.Types.Type.Decline, Decline = decline }, cancellationToken);
    }

    /// <summary>Acknowledges an update if it needs one (it carries a uuid); master-generated updates do not.</summary>
    public Task AcknowledgeAsync(TaskStatus status, CancellationToken cancellationToken = default)
    {
        if (!status.HasUuid || status.AgentId is null)
        {
            return Task.CompletedTask;
        }

        return CallAsync(new Call
        {
            Type = Call.Types.Type.Acknowledge,
            Acknowledge = new Call.Types.Acknowledge { AgentId = status.AgentId, TaskId = status.TaskId, Uuid = status.Uuid },
        }, cancellationToken);
    }

    public Task KillAsync(TaskID taskId, AgentID? agentId = null, CancellationToken cancellationToken = default)
    {
        var kill = new Call.Types.Kill { TaskId = taskId };
        if (agentId is not null)
        {
            kill.AgentId = agentId;
        }

        return CallAsync(new Call { Type = Call.Types.Type.Kill, Kill = kill }, cancellationToken);
    }

    /// <summary>Empty = implicit reconciliation of every task the master knows for this framework.</summary>
    public Task ReconcileAsync(IEnumerable<(TaskID Task, AgentID? Agent)> tasks, CancellationToken cancellationToken = default)
    {
        var reconcile = new Call.Types.Reconcile();
        foreach (var (task, agent) in tasks)
        {
            var t = new Call.Types.Reconcile.Types.Task { TaskId = task };
            if (agent is not null)
            {
                t.AgentId = agent;
            }

            reconcile.Tasks.Add(t);
        }

        return CallAsync(new Call { Type = Call.Types.Type.Reconcile, Reconcile = reconcile }, cancellationToken);
    }

    public Task ReviveAsync(IEnumerable<string>? roles = null, CancellationToken cancellationToken = default)
    {
        var revive = new Call.Types.Revive();
        revive.Roles.AddRange(roles ?? []);
        return CallAsync(new Call { Type = Call.Types.Type.Revive, Revive = revive }, cancellationToken);
    }

    public Task SuppressAsync(IEnumerable<string>? roles = null, CancellationToken cancellationToken = default)
    {
        var suppress = new Call.Types.Suppress();
        suppress.Roles.AddRange(roles ?? []);
        return CallAsync(new Call { Type = Call.Types.Type.Suppress, Suppress = suppress }, cancellationToken);
    }

    public Task TeardownAsync(CancellationToken cancellationToken = default) =>
        CallAsync(new Call { Type = Call.Types.Type.Teardown }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        subscription.Dispose();
        try
        {
            await pump.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // The stream was closed by us; its end is expected.
        }

        if (ownsHttp)
        {
            http.Dispose();
        }

        stop.Dispose();
    }

    internal static HttpRequestMessage NewRequest(Uri endpoint, IMessage call, WireFormat format, string? streamId)
    {
        var mediaType = format == WireFormat.Json ? MesosMediaType.Json : MesosMediaType.Protobuf;
        var content = new ByteArrayContent(MesosCodec.Encode(call, format));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        if (streamId is not null)
        {
            request.Headers.TryAddWithoutValidation("Mesos-Stream-Id", streamId);
        }

        return request;
    }

    private static Uri SchedulerEndpoint(Uri master) =>
        master.AbsolutePath.EndsWith("/api/v1/scheduler", StringComparison.Ordinal) ? master : new Uri(master, "/api/v1/scheduler");

    private static Uri ResolveRedirect(Uri current, Uri location)
    {
        // Mesos sends protocol-relative locations ("//host:port/path").
        if (!location.IsAbsoluteUri && location.OriginalString.StartsWith("//", StringComparison.Ordinal))
        {
            return SchedulerEndpoint(new Uri(current.Scheme + ":" + location.OriginalString));
        }

        return SchedulerEndpoint(location.IsAbsoluteUri ? location : new Uri(current, location));
    }

    private async Task PumpAsync(IAsyncEnumerator<ReadOnlyMemory<byte>> records, CancellationToken cancellationToken)
    {
        // The enumerator already yielded SUBSCRIBED; it keeps its buffer, so events that arrived with it are not lost.
        await Task.Yield();
        try
        {
            while (await records.MoveNextAsync().ConfigureAwait(false))
            {
                events.Writer.TryWrite(MesosCodec.Decode<Event>(records.Current.Span, Format));
            }

            events.Writer.TryComplete();
        }
        catch (Exception e)
        {
            events.Writer.TryComplete(cancellationToken.IsCancellationRequested ? null : e);
        }
        finally
        {
            await records.DisposeAsync().ConfigureAwait(false);
        }
    }
}
