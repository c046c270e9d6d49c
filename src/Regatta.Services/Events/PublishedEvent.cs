using System.Text.Json;

namespace Regatta.Services.Events;

/// <summary>
/// An event on its way to subscribers. Its SSE frame is made once per plan format on first use and shared by every
/// stream, so a hundred clients cost one serialization, as Marathon's cached <c>jsonString</c> does.
/// </summary>
internal sealed class PublishedEvent(MarathonEvent marathonEvent)
{
    private byte[]? lightFrame;
    private byte[]? fullFrame;
    private string? failure;

    public MarathonEvent Event { get; } = marathonEvent ?? throw new ArgumentNullException(nameof(marathonEvent));

    public string EventType => Event.EventType;

    /// <summary>
    /// The frame in <paramref name="format"/>, or false with the reason when the event cannot be written (text that
    /// is not valid UTF-16, say); a stream skips such an event instead of failing.
    /// </summary>
    public bool TryGetFrame(PlanFormat format, out ReadOnlyMemory<byte> frame, out string? error)
    {
        // Only deployment events look different in the full format; the rest share the light frame.
        var full = format == PlanFormat.Full && Event.DependsOnPlanFormat;
        var cached = Volatile.Read(ref Slot(full));
        if (cached is null)
        {
            cached = Serialize(full ? PlanFormat.Full : PlanFormat.Light);

            // Two streams may race to serialize; both results are equal, so either may win.
            cached = Interlocked.CompareExchange(ref Slot(full), cached, null) ?? cached;
        }

        frame = cached;
        error = cached.Length == 0 ? Volatile.Read(ref failure) : null;
        return cached.Length > 0;
    }

    private ref byte[]? Slot(bool full) => ref full ? ref fullFrame : ref lightFrame;

    private byte[] Serialize(PlanFormat format)
    {
        try
        {
            return SseFormat.Frame(EventType, EventJson.ToUtf8(Event, format));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or JsonException)
        {
            Volatile.Write(ref failure, e.Message);
            return [];
        }
    }
}
