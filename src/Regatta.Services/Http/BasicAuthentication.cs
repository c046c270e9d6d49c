using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Regatta.Services.Http;

/// <summary>
/// Marathon's <c>--http_credentials user:password</c>: HTTP Basic authentication on every path (<c>/ping</c> and the
/// event stream included). A request without the right <c>Authorization: Basic …</c> header gets 401 with
/// <c>WWW-Authenticate: Basic realm="&lt;--http_realm&gt;"</c> and Marathon's message; nothing behind it runs.
/// </summary>
internal sealed class BasicAuthentication
{
    private readonly byte[] _expected;
    private readonly string _challenge;

    public BasicAuthentication(string credentials, string realm)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _expected = Encoding.UTF8.GetBytes(credentials);
        _challenge = $"Basic realm=\"{realm.Replace("\"", "", StringComparison.Ordinal)}\"";
    }

    /// <summary>True when the request carries the configured credentials; otherwise the 401 has been written.</summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Matches(context.Request.Headers.Authorization.ToString()))
        {
            return true;
        }

        context.Response.Headers.WWWAuthenticate = _challenge;
        await HttpReplies.MessageAsync(context, 401, "Invalid username or password.").ConfigureAwait(false);
        return false;
    }

    /// <summary>Whether an Authorization header value carries exactly the configured <c>user:password</c>.</summary>
    public bool Matches(string authorization)
    {
        const string Scheme = "Basic ";
        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = authorization.AsSpan(Scheme.Length).Trim();
        var decoded = new byte[(encoded.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(encoded, decoded, out var length))
        {
            return false;
        }

        // Compared in constant time, so the answer's timing tells nothing about how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(decoded.AsSpan(0, length), _expected);
    }

    /// <summary>A problem with a <c>--http_credentials</c> value, or null when it is <c>user:password</c> with a user.</summary>
    public static string? Problem(string credentials) =>
        credentials.IndexOf(':', StringComparison.Ordinal) <= 0
            ? "--http_credentials: expected user:password (a non-empty user, a colon, then the password)"
            : null;
}
