namespace Regatta.Services.Model;

/// <summary>
/// <c>unreachableStrategy</c>: after how long an unreachable instance is replaced and after how long it is
/// forgotten; or, with <see cref="IsEnabled"/> false (the JSON string <c>"disabled"</c>), never either.
/// </summary>
internal sealed record UnreachableStrategy(bool IsEnabled, long InactiveAfterSeconds, long ExpungeAfterSeconds)
{
    /// <summary>The 1.6+ default <c>{0, 0}</c>: replace at once.</summary>
    public static UnreachableStrategy Default { get; } = new(true, 0, 0);

    public static UnreachableStrategy Disabled { get; } = new(false, 0, 0);

    public static UnreachableStrategy Enabled(long inactiveAfterSeconds, long expungeAfterSeconds) =>
        new(true, inactiveAfterSeconds, expungeAfterSeconds);
}
