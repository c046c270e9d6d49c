using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>
/// Writes one health check exactly as the app JSON does. The model only exposes whole-app writing, so the check is
/// written inside a one-check app and its element copied out: one source of truth for the check's shape.
/// </summary>
internal static class HealthCheckJson
{
    public static void Write(Utf8JsonWriter writer, PathId appId, HealthCheck check)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(check);
        var app = new AppDefinition { Id = appId, HealthChecks = [check] };
        using var document = JsonDocument.Parse(AppJsonWriter.ToUtf8(app));
        document.RootElement.GetProperty("healthChecks")[0].WriteTo(writer);
    }
}
