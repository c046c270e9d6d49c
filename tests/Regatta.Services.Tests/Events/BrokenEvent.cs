using System.Text.Json;
using Regatta.Services.Events;

namespace Regatta.Services.Tests.Events;

/// <summary>An event whose JSON writer fails, as a bug in one event kind would.</summary>
internal sealed record BrokenEvent : MarathonEvent
{
    public override string EventType => "broken_event";

    public override void WriteJson(Utf8JsonWriter writer, PlanFormat format)
    {
        writer.WriteStartObject();
        writer.WriteStringValue("a value where a property name belongs");
    }
}
