namespace Regatta.Services.Model;

/// <summary>A check close to <c>java.net.URI</c>'s parser, which Marathon uses to accept artifact URIs.</summary>
internal static class UriSyntax
{
    public const string InvalidMessage = "URI has invalid syntax.";

    public static bool IsValid(string uri)
    {
        if (uri.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < uri.Length; i++)
        {
            var c = uri[i];
            if (char.IsControl(c) || c is ' ' or '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}')
            {
                return false;
            }

            if (c == '%' && (i + 2 >= uri.Length || !char.IsAsciiHexDigit(uri[i + 1]) || !char.IsAsciiHexDigit(uri[i + 2])))
            {
                return false;
            }
        }

        // A scheme, when present, must start with a letter and hold only letters, digits, '+', '-' and '.'.
        var colon = uri.IndexOf(':');
        var slash = uri.IndexOf('/');
        if (colon == 0)
        {
            return false;
        }

        if (colon > 0 && (slash < 0 || colon < slash))
        {
            var scheme = uri[..colon];
            return char.IsAsciiLetter(scheme[0]) && scheme.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '+' or '-' or '.');
        }

        return true;
    }
}
