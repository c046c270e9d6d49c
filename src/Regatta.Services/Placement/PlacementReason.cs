namespace Regatta.Services.Placement;

/// <summary>
/// One answer to "why is my app waiting": a stable <see cref="Reason"/> for counting, a message for people,
/// and the constraint that said no, when one did.
/// </summary>
internal sealed record PlacementReason(RejectReason Reason, string Message, Constraint? Constraint = null)
{
    /// <summary>The stable code, Marathon's reason name (e.g. <c>UnfulfilledConstraint</c>).</summary>
    public string Code => Reason.ToString();

    public override string ToString() => $"{Code}: {Message}";
}
