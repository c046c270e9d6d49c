using System.Text.Json;

namespace Regatta.Services.Health;

/// <summary>
/// Writes <c>readinessCheckResults[]</c> entries: <c>{"name","taskId","ready","lastResponse":{"status",
/// "contentType","body"}}</c>, with <c>lastResponse</c> left out when it was not kept (as Marathon's writer does).
/// </summary>
internal static class ReadinessJson
{
    public static void WriteResult(Utf8JsonWriter writer, ReadinessResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("name", result.Name);
        writer.WriteString("taskId", result.TaskId);
        writer.WriteBoolean("ready", result.Ready);
        if (result.LastResponse is { } response)
        {
            writer.WriteStartObject("lastResponse");
            writer.WriteNumber("status", response.Status);
            writer.WriteString("contentType", response.ContentType);
            writer.WriteString("body", response.Body);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static void WriteResults(Utf8JsonWriter writer, IEnumerable<ReadinessResult> results)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(results);
        writer.WriteStartArray();
        foreach (var result in results)
        {
            WriteResult(writer, result);
        }

        writer.WriteEndArray();
    }
}
