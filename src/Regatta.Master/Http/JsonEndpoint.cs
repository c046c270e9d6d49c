using System.Text;
using Microsoft.AspNetCore.Http;

namespace Regatta.Master.Http;

/// <summary>
/// Response plumbing shared by the legacy JSON endpoints: status, content type, the <c>?jsonp=callback</c>
/// wrapper every Mesos JSON GET endpoint honours, and plain-text errors.
/// </summary>
internal static class JsonEndpoint
{
    public const string JsonContentType = "application/json";
    public const string JavaScriptContentType = "application/javascript";
    public const string TextContentType = "text/plain; charset=utf-8";

    /// <summary>Writes the JSON value produced by <paramref name="body"/>, wrapped as <c>cb(value);</c> when asked.</summary>
    public static async Task WriteAsync(HttpContext context, Func<JsonStream, ValueTask> body)
    {
        var callback = context.Request.Query["jsonp"].ToString();
        if (callback.Length > 0 && !IsValidCallback(callback))
        {
            // Mesos copies the callback into the script verbatim; we refuse anything that is not a plain
            // (dotted) identifier so the endpoint cannot be used to inject script.
            await WriteTextAsync(
                context,
                StatusCodes.Status400BadRequest,
                "Invalid 'jsonp' query parameter: the callback must be a JavaScript identifier (letters, digits, '_', '$', '.')").ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = callback.Length > 0 ? JavaScriptContentType : JsonContentType;
        var stream = new JsonStream(response.BodyWriter, context.RequestAborted);
        await using (stream.ConfigureAwait(false))
        {
            if (callback.Length > 0)
            {
                stream.WriteRaw(Encoding.UTF8.GetBytes(callback + "("));
            }

            await body(stream).ConfigureAwait(false);
            if (callback.Length > 0)
            {
                stream.WriteRaw(");"u8);
            }

            await stream.FlushAsync().ConfigureAwait(false);
        }
    }

    public static Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = TextContentType;
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    internal static bool IsValidCallback(string callback)
    {
        if (callback.Length > 256 || char.IsAsciiDigit(callback[0]))
        {
            return false;
        }

        foreach (var c in callback)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '$' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
