namespace Regatta.Services.Deployments;

/// <summary>
/// A running deployment: its plan, the current step (0-based <see cref="StepIndex"/>), when that step
/// started, and which of its apps' actions have completed (a completed action stays completed, even if a
/// task fails later: the scheduler's reconciliation takes over from there).
/// </summary>
internal sealed record DeploymentState(
    DeploymentPlan Plan,
    int StepIndex,
    DateTimeOffset StepStartedAt,
    IReadOnlySet<string> CompletedApps,
    DeploymentStatus Status,
    string? FailureReason = null)
{
    /// <summary>A deployment about to run its first step at <paramref name="now"/>.</summary>
    public static DeploymentState Start(DeploymentPlan plan, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new DeploymentState(plan, 0, now, new HashSet<string>(StringComparer.Ordinal), DeploymentStatus.Running);
    }

    public int TotalSteps => Plan.Steps.Count;

    /// <summary><c>currentStep</c> of <c>GET /v2/deployments</c>: 1-based, <see cref="TotalSteps"/> once finished.</summary>
    public int CurrentStep => Status == DeploymentStatus.Running ? Math.Min(StepIndex + 1, TotalSteps) : TotalSteps;

    /// <summary>The actions of the current step (<c>currentActions</c>); empty once finished.</summary>
    public IReadOnlyList<DeploymentAction> CurrentActions =>
        Status == DeploymentStatus.Running && StepIndex < TotalSteps ? Plan.Steps[StepIndex].Actions : [];
}
