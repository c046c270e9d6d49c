namespace Regatta.Services.Events;

/// <summary>Why an <see cref="EventSubscription"/> stopped receiving events.</summary>
internal enum SubscriptionEnd
{
    /// <summary>The subscriber disposed it (an SSE client left).</summary>
    Unsubscribed,

    /// <summary>Its queue was full when an event came: a slow consumer, dropped so it cannot hold up anyone.</summary>
    Overflow,

    /// <summary>The bus closed every subscription (leadership lost, shutting down).</summary>
    Closed,
}
