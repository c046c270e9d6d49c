namespace Regatta.Master.Snapshots;

/// <summary>The master ended an operator event subscription (slow consumer, subscriber limit, shutdown).</summary>
internal sealed class OperatorSubscriptionClosedException : Exception
{
    public OperatorSubscriptionClosedException(string message)
        : base(message)
    {
    }
}
