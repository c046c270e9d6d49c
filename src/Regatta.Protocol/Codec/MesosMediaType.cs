using System.Globalization;

namespace Regatta.Protocol;

/// <summary>Media types of the v1 APIs and the Accept/Content-Type rules Mesos applies to them.</summary>
public static class MesosMediaType
{
    public const string Json = "application/json";
    public const string Protobuf = "application/x-protobuf";
    public const string RecordIO = "application/recordio";

    /// <summary>
    /// Reads a Content-Type value. Parameters (<c>; charset=utf-8</c>) and case are ignored, which is more lenient
    /// than Mesos (it compares the whole header) and never turns a request Mesos accepts into an error.
    /// </summary>
    public static bool TryParse(string? headerValue, out WireFormat format)
    {
        format = default;
        if (headerValue is null)
        {
            return false;
        }

        var semicolon = headerValue.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? headerValue.AsSpan() : headerValue.AsSpan(0, semicolon)).Trim();
        if (mediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            format = WireFormat.Json;
            return true;
        }

        if (mediaType.Equals(Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            format = WireFormat.Protobuf;
            return true;
        }

        return false;
    }

    public static string ToMediaType(this WireFormat format) => format switch
    {
        WireFormat.Json => Json,
        WireFormat.Protobuf => Protobuf,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown wire format."),
    };

    /// <summary>
    /// Mesos's response-type choice: JSON whenever the Accept header allows it, else protobuf, else null
    /// (answer 406). Order in the header does not matter, only acceptability, as in the master.
    /// </summary>
    public static WireFormat? NegotiateAccept(string? acceptHeader)
    {
        if (Accepts(acceptHeader, Json))
        {
            return WireFormat.Json;
        }

        return Accepts(acceptHeader, Protobuf) ? WireFormat.Protobuf : null;
    }

    /// <summary>
    /// libprocess's <c>acceptsMediaType</c>: the most specific range that names the type (<c>type/subtype</c>, then
    /// <c>type/*</c>, then <c>*/*</c>) decides; it accepts unless its q value is a number not above 0. An absent
    /// (or blank) header accepts everything.
    /// </summary>
    public static bool Accepts(string? acceptHeader, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == mediaType.Length - 1)
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(acceptHeader))
        {
            return true;
        }

        ReadOnlySpan<string> candidates = [mediaType, string.Concat(mediaType.AsSpan(0, slash), "/*"), "*/*"];
        foreach (var candidate in candidates)
        {
            foreach (var range in acceptHeader.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = range.Split(';');
                if (!RemoveWhitespace(parts[0]).Equals(candidate, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                return QualityAllows(parts);
            }
        }

        return false;
    }

    private static bool QualityAllows(string[] parts)
    {
        string? quality = null;
        var qualityCount = 0;
        for (var i = 1; i < parts.Length; i++)
        {
            var parameter = RemoveWhitespace(parts[i]);
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && parameter.AsSpan(0, equals).Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                quality = parameter[(equals + 1)..];
                qualityCount++;
            }
        }

        // No q (or an ambiguous one) means q=1; a q that is not a number is not acceptable, as in libprocess.
        if (qualityCount != 1)
        {
            return true;
        }

        return double.TryParse(quality, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) && q > 0;
    }

    private static string RemoveWhitespace(string text) =>
        text.AsSpan().IndexOfAny(" \t\r\n") < 0 ? text : string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
