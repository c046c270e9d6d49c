namespace Regatta.Services.Deployments;

/// <summary>
/// One action of a deployment step, on one app. A scale may name tasks to kill first
/// (<paramref name="Sentenced"/>, from <c>tasks/delete?scale=true</c>).
/// </summary>
internal sealed record DeploymentAction(DeploymentActionKind Kind, string AppId, IReadOnlyList<string>? Sentenced = null)
{
    /// <summary>The wire name, e.g. <c>ScaleApplication</c>.</summary>
    public string Name => Kind.ToString();

    public IReadOnlyList<string> SentencedTasks => Sentenced ?? [];
}
