namespace Regatta.Agent.Health;

/// <summary>
/// What one health check result means for the task: <see cref="ReportHealthy"/> is set when the task's health changed
/// (or was first established) and must be reported; <see cref="Kill"/> when the failures reached the policy's limit.
/// </summary>
internal readonly record struct HealthDecision(bool? ReportHealthy, bool Kill)
{
    public static HealthDecision None => default;
}
