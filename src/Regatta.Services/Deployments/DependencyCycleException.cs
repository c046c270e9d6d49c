namespace Regatta.Services.Deployments;

/// <summary>
/// The target apps depend on each other in a circle, so no order exists. Validation should reject such a
/// target first (<see cref="DependencyOrder.FindCycle"/>); reaching the planner with one is a caller bug.
/// </summary>
internal sealed class DependencyCycleException : Exception
{
    public DependencyCycleException(IReadOnlyList<string> cycle)
        : base($"Dependency graph has cyclic dependencies: {string.Join(" -> ", cycle)}")
    {
        Cycle = cycle;
    }

    public DependencyCycleException()
        : this([])
    {
    }

    public DependencyCycleException(string message)
        : base(message)
    {
        Cycle = [];
    }

    public DependencyCycleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Cycle = [];
    }

    /// <summary>The app ids around the cycle, the first repeated at the end.</summary>
    public IReadOnlyList<string> Cycle { get; }
}
