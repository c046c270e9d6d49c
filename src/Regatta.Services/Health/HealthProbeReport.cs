namespace Regatta.Services.Health;

/// <summary>A probe result of check <see cref="CheckIndex"/> (index in the app's <c>healthChecks</c>) for a task.</summary>
internal sealed record HealthProbeReport(string TaskId, int CheckIndex, ProbeResult Result);
