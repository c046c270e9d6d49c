using System.Text;
using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>An event as one line of compact JSON, with the same escaping as the app JSON it may embed.</summary>
internal static class EventJson
{
    public static byte[] ToUtf8(MarathonEvent marathonEvent, PlanFormat format = PlanFormat.Light)
    {
        ArgumentNullException.ThrowIfNull(marathonEvent);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, AppJsonWriter.WriterOptions))
        {
            marathonEvent.WriteJson(writer, format);
        }

        return stream.ToArray();
    }

    public static string ToJson(MarathonEvent marathonEvent, PlanFormat format = PlanFormat.Light) =>
        Encoding.UTF8.GetString(ToUtf8(marathonEvent, format));
}
