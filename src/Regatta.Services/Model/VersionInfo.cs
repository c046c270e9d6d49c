namespace Regatta.Services.Model;

/// <summary>
/// <c>versionInfo</c>: when the app last changed in any way that counts (<see cref="LastScalingAt"/>) and when its
/// configuration last changed (<see cref="LastConfigChangeAt"/>); a pure scale moves only the first.
/// </summary>
internal sealed record VersionInfo(DateTimeOffset LastScalingAt, DateTimeOffset LastConfigChangeAt);
