namespace Regatta.Services.Deployments;

/// <summary>One progress event; <paramref name="Step"/> is 1-based, <paramref name="Reason"/> set on failure.</summary>
internal sealed record DeploymentEvent(DeploymentEventKind Kind, int Step, string? Reason = null);
