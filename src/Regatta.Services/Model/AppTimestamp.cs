using System.Globalization;

namespace Regatta.Services.Model;

/// <summary>Marathon's timestamps: ISO-8601 in UTC with milliseconds, <c>2015-09-29T15:59:51.164Z</c>.</summary>
internal static class AppTimestamp
{
    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Reads any ISO-8601 date-time with a zone; the result is UTC, cut to whole milliseconds.</summary>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        if (text.Length < 10 || !char.IsAsciiDigit(text[0]) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = default;
            return false;
        }

        time = Truncate(parsed);
        return true;
    }

    /// <summary>Cuts a time to whole milliseconds in UTC, the precision versions are stored with.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
