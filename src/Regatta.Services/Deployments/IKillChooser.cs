namespace Regatta.Services.Deployments;

/// <summary>
/// Picks which tasks go when an app has too many. Gets the candidates in <see cref="KillOrder"/> and returns
/// exactly <c>count</c> of them; a constraint-aware chooser (GROUP_BY balancing) plugs in here.
/// </summary>
internal interface IKillChooser
{
    IReadOnlyList<TaskView> Choose(IReadOnlyList<TaskView> orderedCandidates, int count);
}
