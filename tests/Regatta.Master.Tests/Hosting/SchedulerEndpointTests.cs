using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Regatta.Master.Tests.Support;
using Regatta.Protocol;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using EventType = Regatta.Protocol.V1.Scheduler.Event.Types.Type;
using Task = System.Threading.Tasks.Task;

namespace Regatta.Master.Tests.Hosting;

/// <summary>The scheduler API's status-code ladder and stream framing over a real Kestrel server.</summary>
public sealed class SchedulerEndpointTests : IAsyncLifetime
{
    private MasterHost _master = null!;
    private SchedulerTestClient _client = null!;

    public async Task InitializeAsync()
    {
        _master = await TestMaster.StartAsync(TestMaster.Options() with { HeartbeatInterval = TimeSpan.FromMilliseconds(300) });
        _client = new SchedulerTestClient(_master.Endpoint);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _master.DisposeAsync();
    }

    [Fact]
    public async Task Get_MethodNotAllowed()
    {
        using var response = await _client.Http.GetAsync("api/v1/scheduler");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_NoContentType_BadRequestNamingHeader()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
        using var response = await _client.Http.PostAsync("api/v1/scheduler", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Expecting 'Content-Type' to be present", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_TextPlain_UnsupportedMediaType()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "text/plain");
        using var response = await _client.Http.PostAsync("api/v1/scheduler", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_MalformedJson_BadRequestNamingTheProblem()
    {
        using var content = new StringContent("{\"type\": \"SUBSCRIBE\", \"subscribe\": {\"framework_info\": 5}}", Encoding.UTF8, "application/json");
        using var response = await _client.Http.PostAsync("api/v1/scheduler", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Failed to parse body into Call", text, StringComparison.Ordinal);
        Assert.Contains("framework_info", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TeardownWithoutFrameworkId_BadRequestFromValidation()
    {
        var (status, body) = await _client.PostAsync(new Call { Type = Call.Types.Type.Teardown }, WireFormat.Json, null);

        Assert.Equal(400, status);
        Assert.Equal("Failed to validate scheduler::Call: Expecting 'framework_id' to be present", body);
    }

    [Fact]
    public async Task Post_UnknownFramework_BadRequest()
    {
        var call = new Call { Type = Call.Types.Type.Teardown, FrameworkId = new FrameworkID { Value = "nope" } };

        var (status, body) = await _client.PostAsync(call, WireFormat.Json, "x");

        Assert.Equal(400, status);
        Assert.Equal("Framework cannot be found", body);
    }

    [Fact]
    public async Task Subscribe_AcceptNotSupported_NotAcceptable()
    {
        using var request = SubscribeRequest();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await _client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Fact]
    public async Task Subscribe_WithStreamIdHeader_BadRequest()
    {
        using var request = SubscribeRequest();
        request.Headers.Add("Mesos-Stream-Id", "abc");

        using var response = await _client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Mesos-Stream-Id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_Json_RecordIOWithSubscribedThenHeartbeats()
    {
        using var request = SubscribeRequest();
        using var response = await _client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("Mesos-Stream-Id").Single()));
        await using var body = await response.Content.ReadAsStreamAsync();
        var records = new List<string>();
        var reader = new RecordIOReader();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var record in reader.ReadRecordsAsync(body, timeout.Token))
        {
            records.Add(Encoding.UTF8.GetString(record.Span));
            if (records.Count == 3)
            {
                break;
            }
        }

        Assert.StartsWith("{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"framework_id\":{\"value\":\"", records[0], StringComparison.Ordinal);
        Assert.Contains("\"heartbeat_interval_seconds\":0.3", records[0], StringComparison.Ordinal);
        Assert.Equal("{\"type\":\"HEARTBEAT\"}", records[1]);
        Assert.Equal("{\"type\":\"HEARTBEAT\"}", records[2]);
    }

    [Fact]
    public async Task Subscribe_Protobuf_SubscribedEventDecodes()
    {
        await using var session = await _client.SubscribeAsync(new FrameworkInfo { User = "u", Name = "proto" }, WireFormat.Protobuf);

        Assert.StartsWith(_master.MasterId, session.FrameworkId, StringComparison.Ordinal);
        Assert.Equal(EventType.Heartbeat, (await session.NextAnyAsync()).Type);
    }

    [Fact]
    public async Task Call_StreamIdMissingOrWrong_BadRequestThenDisconnected403()
    {
        var session = await _client.SubscribeAsync(new FrameworkInfo { User = "u", Name = "ladder", FailoverTimeout = 60 });
        var reconcile = new Call { Type = Call.Types.Type.Reconcile, Reconcile = new Call.Types.Reconcile(), FrameworkId = new FrameworkID { Value = session.FrameworkId } };

        var missing = await _client.PostAsync(reconcile, WireFormat.Json, null);
        var wrong = await _client.PostAsync(reconcile, WireFormat.Json, "not-the-stream");
        var right = await _client.PostAsync(reconcile, WireFormat.Json, session.StreamId);
        await session.DisposeAsync();
        var afterClose = await RetryUntilAsync(() => _client.PostAsync(reconcile, WireFormat.Json, session.StreamId), r => r.Status == 403);

        Assert.Equal(400, missing.Status);
        Assert.Contains("Mesos-Stream-Id", missing.Body, StringComparison.Ordinal);
        Assert.Equal(400, wrong.Status);
        Assert.Equal(202, right.Status);
        Assert.Equal("Framework is not subscribed", afterClose.Body);
    }

    [Fact]
    public async Task Call_UnknownType_NotImplemented()
    {
        await using var session = await _client.SubscribeAsync(new FrameworkInfo { User = "u", Name = "unknown-type" });

        var (status, _) = await _client.PostAsync(session, new Call { Type = Call.Types.Type.Unknown });

        Assert.Equal(501, status);
    }

    [Fact]
    public async Task Call_MasterPrefixedPath_Served()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await _client.Http.PostAsync("master/api/v1/scheduler", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'type'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage SubscribeRequest()
    {
        var call = new Call { Type = Call.Types.Type.Subscribe, Subscribe = new Call.Types.Subscribe { FrameworkInfo = new FrameworkInfo { User = "u", Name = "n" } } };
        return new HttpRequestMessage(HttpMethod.Post, "api/v1/scheduler")
        {
            Content = new StringContent(MesosJson.Format(call), Encoding.UTF8, "application/json"),
        };
    }

    internal static async Task<T> RetryUntilAsync<T>(Func<Task<T>> action, Func<T, bool> done, double timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var result = await action();
            if (done(result) || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(50);
        }
    }
}
