namespace Regatta.Services.Placement;

/// <summary>
/// Where the app's other tasks are. <see cref="Placed"/> holds one entry per task that counts for constraints:
/// staged, starting and running tasks of every version (old and new during a rolling upgrade), and tasks being
/// replaced until they are gone; callers leave out lost and unreachable-inactive tasks, as Marathon does.
/// </summary>
/// <param name="Placed">The agent of each counted task; an agent appears once per task.</param>
/// <param name="KnownAgents">
/// Optional: agents the scheduler knows about. When given, GROUP_BY without a count expects as many groups as
/// there are distinct values among them, so placement spreads instead of following offer arrival order.
/// </param>
internal sealed record PlacementContext(IReadOnlyList<AgentView> Placed, IReadOnlyList<AgentView>? KnownAgents = null)
{
    public static PlacementContext Empty { get; } = new([]);
}
