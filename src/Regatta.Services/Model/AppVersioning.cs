namespace Regatta.Services.Model;

/// <summary>
/// Version bookkeeping as Marathon does it. A new app gets <c>version = lastScalingAt = lastConfigChangeAt = now</c>;
/// a scale moves <c>version</c> and <c>lastScalingAt</c>; a config change moves all three; a restart moves
/// <c>version</c> and <c>lastConfigChangeAt</c>; no change keeps everything. Time is passed in.
/// </summary>
internal static class AppVersioning
{
    public static AppChange Classify(AppDefinition from, AppDefinition to)
    {
        if (StripVersions(from) with { Instances = 0 } != StripVersions(to) with { Instances = 0 })
        {
            return AppChange.Config;
        }

        return from.Instances != to.Instances ? AppChange.Scale : AppChange.None;
    }

    /// <summary>Sets <paramref name="next"/>'s version fields for storing it in place of <paramref name="previous"/>.</summary>
    public static AppDefinition Stamp(AppDefinition? previous, AppDefinition next, DateTimeOffset now)
    {
        now = AppTimestamp.Truncate(now);
        if (previous is null)
        {
            return next with { Version = now, VersionInfo = new VersionInfo(now, now) };
        }

        var info = previous.VersionInfo ?? new VersionInfo(previous.Version ?? now, previous.Version ?? now);
        return Classify(previous, next) switch
        {
            AppChange.Config => next with { Version = now, VersionInfo = new VersionInfo(now, now) },
            AppChange.Scale => next with { Version = now, VersionInfo = info with { LastScalingAt = now } },
            _ => next with { Version = previous.Version, VersionInfo = previous.VersionInfo },
        };
    }

    /// <summary>A restart: same configuration, new version, so every task is replaced.</summary>
    public static AppDefinition StampRestart(AppDefinition current, DateTimeOffset now)
    {
        now = AppTimestamp.Truncate(now);
        var info = current.VersionInfo ?? new VersionInfo(current.Version ?? now, now);
        return current with { Version = now, VersionInfo = info with { LastConfigChangeAt = now } };
    }

    private static AppDefinition StripVersions(AppDefinition app) => app with { Version = null, VersionInfo = null };
}
