namespace Regatta.Services.Deployments;

/// <summary>
/// Marathon's <c>unreachableStrategy</c>. After <see cref="InactiveAfter"/> an unreachable task stops counting
/// and is replaced; after <see cref="ExpungeAfter"/> it is forgotten. <see cref="Disabled"/> keeps unreachable
/// tasks forever and never replaces them.
/// </summary>
internal sealed record UnreachableStrategy(TimeSpan InactiveAfter, TimeSpan ExpungeAfter, bool Enabled = true)
{
    /// <summary>The 1.6+ default <c>{0, 0}</c>: replace and forget at once.</summary>
    public static UnreachableStrategy Default { get; } = new(TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>The <c>"disabled"</c> form.</summary>
    public static UnreachableStrategy Disabled { get; } = new(TimeSpan.Zero, TimeSpan.Zero, Enabled: false);
}
