using System.Globalization;
using Regatta.Protocol.V1;

namespace Regatta.Master.Http;

/// <summary>
/// What <c>/version</c>, <c>/master/state</c> and GET_VERSION report about the build. Builds are deterministic
/// (no timestamp is compiled in), so the build time is the time the master assembly was written.
/// </summary>
internal static class OperatorBuildInfo
{
    public const string DefaultVersion = "1.11.0";
    public const string BuildUser = "regatta";

    private static readonly Lazy<DateTimeOffset> Built = new(ReadBuildTime);

    public static DateTimeOffset BuildTime => Built.Value;

    /// <summary>Mesos's <c>build_date</c> format, e.g. <c>2024-08-23 10:15:00</c>.</summary>
    public static string BuildDate => BuildTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static double BuildTimeSeconds => BuildTime.ToUnixTimeSeconds();

    public static string VersionOf(MasterInfo info) => info.HasVersion && info.Version.Length > 0 ? info.Version : DefaultVersion;

    public static VersionInfo ToVersionInfo(MasterInfo info) => new()
    {
        Version = VersionOf(info),
        BuildDate = BuildDate,
        BuildTime = BuildTimeSeconds,
        BuildUser = BuildUser,
    };

    private static DateTimeOffset ReadBuildTime()
    {
        var location = typeof(OperatorBuildInfo).Assembly.Location;
        try
        {
            return location.Length > 0 && File.Exists(location)
                ? new DateTimeOffset(File.GetLastWriteTimeUtc(location), TimeSpan.Zero)
                : DateTimeOffset.UnixEpoch;
        }
        catch (IOException)
        {
            return DateTimeOffset.UnixEpoch;
        }
        catch (UnauthorizedAccessException)
        {
            return DateTimeOffset.UnixEpoch;
        }
    }
}
