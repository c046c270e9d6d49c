namespace Regatta.Agent.Health;

/// <summary>A check that cannot be run at all (e.g. its user does not exist): every attempt fails with the reason.</summary>
internal sealed class FailingHealthProbe(string reason) : IHealthProbe
{
    public Task<string?> CheckAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(reason);
}
