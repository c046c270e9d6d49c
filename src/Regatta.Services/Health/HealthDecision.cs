namespace Regatta.Services.Health;

/// <summary>
/// Something the scheduler core must do after a health result: publish an event, or kill the task. The core adds
/// what it knows (app id, version, host, agent) when it turns a decision into an event.
/// </summary>
internal abstract record HealthDecision;
