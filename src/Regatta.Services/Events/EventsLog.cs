using Microsoft.Extensions.Logging;

namespace Regatta.Services.Events;

/// <summary>Log messages of the event bus and <c>/v2/events</c>; event ids 3700–3719.</summary>
internal static partial class EventsLog
{
    [LoggerMessage(EventId = 3700, Level = LogLevel.Warning, Message = "Dropping slow event subscriber {Subscriber}: {Capacity} events unread when {EventType} came")]
    public static partial void SlowSubscriberDropped(this ILogger logger, string subscriber, int capacity, string eventType);

    [LoggerMessage(EventId = 3701, Level = LogLevel.Information, Message = "Closing {Count} event subscribers: {Reason}")]
    public static partial void ClosingAll(this ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 3702, Level = LogLevel.Information, Message = "Event stream {Subscriber} attached (event types: {EventTypes}; plan format {PlanFormat})")]
    public static partial void StreamAttached(this ILogger logger, string subscriber, string eventTypes, PlanFormat planFormat);

    [LoggerMessage(EventId = 3703, Level = LogLevel.Information, Message = "Event stream {Subscriber} detached ({Reason})")]
    public static partial void StreamDetached(this ILogger logger, string subscriber, SubscriptionEnd reason);

    [LoggerMessage(EventId = 3704, Level = LogLevel.Debug, Message = "Event stream request from {Remote} refused: Accept '{Accept}' does not name text/event-stream")]
    public static partial void StreamRefused(this ILogger logger, string remote, string accept);

    [LoggerMessage(EventId = 3705, Level = LogLevel.Warning, Message = "Event {EventType} skipped on stream {Subscriber}: it cannot be written ({Error})")]
    public static partial void EventUnwritable(this ILogger logger, string eventType, string subscriber, string? error);
}
