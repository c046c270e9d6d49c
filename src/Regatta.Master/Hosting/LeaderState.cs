namespace Regatta.Master.Hosting;

/// <summary>
/// Who leads, as the HTTP adapters see it. A single master always leads; with HA, a contender updates this
/// and leader-only endpoints answer 307 to <see cref="LeaderAddress"/> (or 503 when no leader is known).
/// </summary>
internal sealed record LeaderState(bool IsLeader, string? LeaderAddress)
{
    public static LeaderState Self { get; } = new(true, null);
}
