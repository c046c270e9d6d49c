namespace Regatta.Services.Placement;

/// <summary>The lifecycle stage of a task as scale-down ordering sees it (earlier members are killed first).</summary>
internal enum CandidateCondition
{
    Unreachable,
    Staging,
    Starting,
    Running,
}
