namespace Regatta.Services.Deployments;

/// <summary>Actions that run in parallel; the next step starts when all of them are done.</summary>
internal sealed record DeploymentStep(IReadOnlyList<DeploymentAction> Actions);
