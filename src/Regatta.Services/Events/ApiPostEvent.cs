using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>
/// <c>api_post_event</c>: an app was created or changed through the API. <paramref name="AppDefinition"/> is written
/// as the app JSON of <c>GET /v2/apps</c> (without the AppInfo counts). marathon-lb resyncs on it.
/// </summary>
internal sealed record ApiPostEvent(string ClientIp, string Uri, AppDefinition AppDefinition) : MarathonEvent
{
    public override string EventType => EventTypes.ApiPost;

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("clientIp", ClientIp);
        writer.WriteString("uri", Uri);
        writer.WritePropertyName("appDefinition");
        AppJsonWriter.Write(writer, AppDefinition);
        WriteTypeAndTimestamp(writer);
        writer.WriteEndObject();
    }
}
