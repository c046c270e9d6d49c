using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Events;

/// <summary>
/// One event of the Marathon event bus. Each kind writes its own JSON object, fields in Marathon's order, ending with
/// the <c>eventType</c> and <c>timestamp</c> every event carries. <see cref="Timestamp"/> is when the event happened,
/// set by whoever creates it (from its <see cref="TimeProvider"/>).
/// </summary>
internal abstract record MarathonEvent
{
    public abstract string EventType { get; }

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>True when the JSON differs between <see cref="PlanFormat"/>s (the deployment events).</summary>
    public virtual bool DependsOnPlanFormat => false;

    /// <summary>Writes the whole JSON object.</summary>
    public abstract void WriteJson(Utf8JsonWriter writer, PlanFormat format);

    /// <summary>The closing pair most events end with: <c>eventType</c>, then <c>timestamp</c>.</summary>
    protected void WriteTypeAndTimestamp(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("eventType", EventType);
        WriteTimestamp(writer);
    }

    protected void WriteTimestamp(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("timestamp", AppTimestamp.Format(Timestamp));
    }

    protected static void WriteVersion(Utf8JsonWriter writer, string name, DateTimeOffset version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString(name, AppTimestamp.Format(version));
    }
}
