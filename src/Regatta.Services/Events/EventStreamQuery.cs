using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Regatta.Services.Events;

/// <summary>What a <c>GET /v2/events</c> asks for: <c>event_type=</c> (repeatable; none means all) and <c>plan-format=</c>.</summary>
internal sealed record EventStreamQuery(IReadOnlyList<string> EventTypes, PlanFormat PlanFormat)
{
    public const string EventStreamMediaType = "text/event-stream";

    /// <summary>
    /// True when an <c>Accept</c> value names <c>text/event-stream</c> with a quality above zero. Jetty wants the
    /// header to be exactly that; a list or parameters are accepted here too, which no working client is hurt by.
    /// </summary>
    public static bool AcceptsEventStream(StringValues accept)
    {
        if (!MediaTypeHeaderValue.TryParseList(accept, out var mediaTypes))
        {
            return false;
        }

        return mediaTypes.Any(m =>
            m.MediaType.Equals(EventStreamMediaType, StringComparison.OrdinalIgnoreCase) && m.Quality is not 0);
    }

    public static EventStreamQuery Parse(IQueryCollection query, PlanFormat defaultFormat = PlanFormat.Light)
    {
        ArgumentNullException.ThrowIfNull(query);
        var types = query["event_type"]
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Select(t => t!.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var format = query["plan-format"].LastOrDefault()?.Trim().ToLowerInvariant() switch
        {
            "light" => PlanFormat.Light,
            "full" => PlanFormat.Full,
            _ => defaultFormat,
        };
        return new EventStreamQuery(types, format);
    }
}
