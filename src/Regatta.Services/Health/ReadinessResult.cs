namespace Regatta.Services.Health;

/// <summary>
/// One readiness result, as <c>readinessCheckResults[]</c> lists it under <c>/v2/deployments</c> and
/// <c>embed=app.readiness</c>. <see cref="LastResponse"/> is kept only with <c>preserveLastResponse</c>.
/// </summary>
internal sealed record ReadinessResult(string Name, string TaskId, bool Ready, ReadinessResponse? LastResponse, DateTimeOffset At);
