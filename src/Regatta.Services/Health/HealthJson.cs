using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Health;

/// <summary>
/// Writes <c>healthCheckResults[]</c> entries in Marathon 1.10's shape and key order: every key present, absent
/// times and cause as <c>null</c>, times as <c>2015-09-29T15:59:51.164Z</c>.
/// </summary>
internal static class HealthJson
{
    public static void WriteResult(Utf8JsonWriter writer, HealthState state, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(state);
        writer.WriteStartObject();
        writer.WriteBoolean("alive", state.Alive);
        writer.WriteNumber("consecutiveFailures", state.ConsecutiveFailures);
        WriteTime(writer, "firstSuccess", state.FirstSuccess);
        WriteTime(writer, "lastFailure", state.LastFailure);
        WriteTime(writer, "lastSuccess", state.LastSuccess);
        if (state.LastFailureCause is { } cause)
        {
            writer.WriteString("lastFailureCause", cause);
        }
        else
        {
            writer.WriteNull("lastFailureCause");
        }

        writer.WriteString("instanceId", instanceId);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the <c>healthCheckResults</c> array of one task: one entry per check that has a result, in check
    /// order (checks without a result yet are left out, as in Marathon).
    /// </summary>
    public static void WriteResults(Utf8JsonWriter writer, IEnumerable<HealthState?> states, string taskId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(states);
        var instanceId = InstanceIds.FromTaskId(taskId);
        writer.WriteStartArray();
        foreach (var state in states)
        {
            if (state is not null)
            {
                WriteResult(writer, state, instanceId);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteString(name, AppTimestamp.Format(value));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
