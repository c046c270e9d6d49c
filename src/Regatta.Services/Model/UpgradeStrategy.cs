namespace Regatta.Services.Model;

/// <summary>
/// <c>upgradeStrategy</c>: the share of instances that must stay healthy during a restart, and how far above the
/// instance count a restart may go. Both within [0, 1].
/// </summary>
internal sealed record UpgradeStrategy(double MinimumHealthCapacity, double MaximumOverCapacity)
{
    public static UpgradeStrategy Default { get; } = new(1, 1);
}
