using System.Text;
using System.Text.Json;
using Regatta.Services.Health;

namespace Regatta.Services.Tests.Health;

public sealed class HealthJsonTests
{
    private static readonly DateTimeOffset T0 = new(2015, 9, 29, 15, 59, 51, 164, TimeSpan.Zero);

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
