namespace Regatta.Services.Deployments;

/// <summary>Progress the caller publishes as Marathon events.</summary>
internal enum DeploymentEventKind
{
    /// <summary><c>deployment_step_success</c>.</summary>
    StepSucceeded,

    /// <summary><c>deployment_success</c>.</summary>
    Succeeded,

    /// <summary><c>deployment_failed</c>.</summary>
    Failed,
}
