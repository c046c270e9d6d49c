using System.Text;
using System.Text.Json;
using Regatta.Services.Health;

namespace Regatta.Services.Tests.Health;

public sealed class HealthJsonTests
{
    private static readonly DateTimeOffset T0 = new(2015, 9, 29, 15, 59, 51, 164, TimeSpan.Zero);

    [Fact]
    public void WriteResult_FailingTask_WritesMarathonKeysInOrder()
    {
        var state = new HealthState
        {
            FirstSuccess = T0,
            LastSuccess = T0.AddSeconds(60),
            LastFailure = T0.AddSeconds(120),
            LastFailureCause = "500 Internal Server Error",
            ConsecutiveFailures = 1,
        };

        var json = Write(w => HealthJson.WriteResult(w, state, "web.marathon-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002"));

        Assert.Equal(
            """{"alive":false,"consecutiveFailures":1,"firstSuccess":"2015-09-29T15:59:51.164Z","lastFailure":"2015-09-29T16:01:51.164Z","lastSuccess":"2015-09-29T16:00:51.164Z","lastFailureCause":"500 Internal Server Error","instanceId":"web.marathon-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002"}""",
            json);
    }

    [Fact]
    public void WriteResults_SkipsChecksWithoutAResult_AndWritesNullsForMissingTimes()
    {
        var json = Write(w => HealthJson.WriteResults(w, [null, HealthState.Empty], "web.6f1c0b7e-1a2b-11ea-9c2f-0242ac110002"));

        Assert.Equal(
            """[{"alive":false,"consecutiveFailures":0,"firstSuccess":null,"lastFailure":null,"lastSuccess":null,"lastFailureCause":null,"instanceId":"web.marathon-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002"}]""",
            json);
    }

    [Theory]
    [InlineData("prod_web.6f1c0b7e-1a2b-11ea-9c2f-0242ac110002", "prod_web.marathon-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002")]
    [InlineData("prod_web.instance-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002._app.3", "prod_web.instance-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002")]
    [InlineData("db.6f1c0b7e-1a2b-11ea-9c2f-0242ac110002.2", "db.marathon-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002")]
    [InlineData("pod.instance-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002.sidecar", "pod.instance-6f1c0b7e-1a2b-11ea-9c2f-0242ac110002")]
    [InlineData("plain", "plain")]
    public void FromTaskId_EveryMarathonForm_GivesItsInstanceId(string taskId, string instanceId) =>
        Assert.Equal(instanceId, InstanceIds.FromTaskId(taskId));

    [Fact]
    public void ReadinessJson_WithAndWithoutLastResponse()
    {
        var kept = new ReadinessResult("readinessCheck", "web.1", false, new ReadinessResponse(503, "text/plain", "warming up"), T0);
        var dropped = kept with { Ready = true, LastResponse = null };

        var json = Write(w => ReadinessJson.WriteResults(w, [kept, dropped]));

        Assert.Equal(
            """[{"name":"readinessCheck","taskId":"web.1","ready":false,"lastResponse":{"status":503,"contentType":"text/plain","body":"warming up"}},{"name":"readinessCheck","taskId":"web.1","ready":true}]""",
            json);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
