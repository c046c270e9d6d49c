using System.Net.Http.Headers;
using Regatta.Protocol;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;

namespace Regatta.Master.Tests.Support;

/// <summary>A minimal v1 scheduler API client over HTTP, for tests.</summary>
internal sealed class SchedulerTestClient : IDisposable
{
    private readonly HttpClient _http;

    public SchedulerTestClient(Uri master)
    {
        _http = new HttpClient { BaseAddress = master, Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Http => _http;

    public async Task<SchedulerSession> SubscribeAsync(FrameworkInfo info, WireFormat format = WireFormat.Json)
    {
        var call = new Call { Type = Call.Types.Type.Subscribe, Subscribe = new Call.Types.Subscribe { FrameworkInfo = info } };
        if (info.Id is not null)
        {
            call.FrameworkId = info.Id;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/scheduler") { Content = Body(call, format) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(format.ToMediaType()));
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"SUBSCRIBE failed: {(int)response.StatusCode} {text}");
        }

        var session = new SchedulerSession(this, response, format);
        var subscribed = await session.NextAnyAsync();
        if (subscribed.Type == Event.Types.Type.Subscribed)
        {
            session.FrameworkId = subscribed.Subscribed.FrameworkId.Value;
        }
        else
        {
            throw new InvalidOperationException($"first event was {subscribed.Type}: {subscribed.Error?.Message}");
        }

        return session;
    }

    /// <summary>Posts a call for the session's framework on its stream; returns status and text body.</summary>
    public async Task<(int Status, string Body)> PostAsync(SchedulerSession session, Call call, WireFormat format = WireFormat.Json)
    {
        call.FrameworkId = new FrameworkID { Value = session.FrameworkId };
        return await PostAsync(call, format, session.StreamId);
    }

    public async Task<(int Status, string Body)> PostAsync(Call call, WireFormat format, string? streamId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/scheduler") { Content = Body(call, format) };
        if (streamId is not null)
        {
            request.Headers.Add("Mesos-Stream-Id", streamId);
        }

        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();

    private static ByteArrayContent Body(Call call, WireFormat format)
    {
        var content = new ByteArrayContent(MesosCodec.Encode(call, format));
        content.Headers.ContentType = new MediaTypeHeaderValue(format.ToMediaType());
        return content;
    }
}
