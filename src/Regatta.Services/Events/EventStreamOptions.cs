namespace Regatta.Services.Events;

/// <summary>Settings of <c>GET /v2/events</c>.</summary>
internal sealed record EventStreamOptions
{
    public static EventStreamOptions Default { get; } = new();

    /// <summary>How often a bare CRLF is sent on every stream (Jetty's <c>heartBeatPeriod</c>: 10 s).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unsent events a stream may have before it is closed as a slow consumer
    /// (<c>--event_stream_max_outstanding_messages</c>).</summary>
    public int MaxOutstandingMessages { get; init; } = EventBus.DefaultCapacity;

    /// <summary>The plan format without (or with an unknown) <c>plan-format=</c>: light, as in Marathon 1.8+.</summary>
    public PlanFormat DefaultPlanFormat { get; init; } = PlanFormat.Light;
}
