namespace Regatta.Services.Deployments;

/// <summary>
/// Extra inputs of a plan: apps whose restart was requested explicitly (<c>POST /v2/apps/{id}/restart</c>,
/// which does not change the config version), and tasks to kill first when an app scales down.
/// </summary>
internal sealed record PlanOptions
{
    public static PlanOptions None { get; } = new();

    public IReadOnlySet<string> RestartRequested { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Sentenced { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
}
