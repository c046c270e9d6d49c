namespace Regatta.Agent.Health;

/// <summary>One kind of health check's I/O: runs the check once.</summary>
internal interface IHealthProbe
{
    /// <summary>Null when healthy, otherwise why not. Cancellation (the timeout) ends the attempt by throwing.</summary>
    Task<string?> CheckAsync(CancellationToken cancellationToken);
}
