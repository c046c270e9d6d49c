namespace Regatta.Services.Health;

/// <summary>
/// Judges an HTTP status the way Marathon's checks do (200–399 pass; 100–199 are dropped under
/// <c>ignoreHttp1xx</c>; anything else fails) and words a failure as <c>500 Internal Server Error</c>: the code and
/// the standard reason phrase (the server's own phrase is not used, as in Marathon).
/// </summary>
internal static class HttpStatusText
{
    public static ProbeVerdict Judge(int status, bool ignoreHttp1xx) => status switch
    {
        >= 200 and < 400 => ProbeVerdict.Healthy,
        >= 100 and < 200 when ignoreHttp1xx => ProbeVerdict.Ignored,
        _ => ProbeVerdict.Unhealthy,
    };

    /// <summary><c>503 Service Unavailable</c>; for codes without a standard phrase, the server's, else the bare code.</summary>
    public static string Describe(int status, string? serverPhrase = null)
    {
        var phrase = Phrase(status) ?? (string.IsNullOrWhiteSpace(serverPhrase) ? null : serverPhrase.Trim());
        return phrase is null ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{status} {phrase}";
    }

    private static string? Phrase(int status) => status switch
    {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => null,
    };
}
