namespace Regatta.Services.Deployments;

/// <summary>Takes the first candidates of the default order.</summary>
internal sealed class DefaultKillChooser : IKillChooser
{
    public static DefaultKillChooser Instance { get; } = new();

    public IReadOnlyList<TaskView> Choose(IReadOnlyList<TaskView> orderedCandidates, int count)
    {
        ArgumentNullException.ThrowIfNull(orderedCandidates);
        return [.. orderedCandidates.Take(count)];
    }
}
