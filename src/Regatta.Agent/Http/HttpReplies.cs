using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Regatta.Agent.Http;

/// <summary>Writes JSON the way Mesos's endpoints do, including the <c>?jsonp=callback</c> wrapping.</summary>
internal static class HttpReplies
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static IResult Json(HttpContext context, JsonNode? body)
    {
        var json = body?.ToJsonString(Compact) ?? "null";
        var callback = context.Request.Query["jsonp"].ToString();
        if (callback.Length == 0)
        {
            return Results.Text(json, "application/json", Encoding.UTF8);
        }

        if (!IsCallbackName(callback))
        {
            return Results.Text("Invalid 'jsonp' parameter: a JavaScript identifier (letters, digits, '_', '$', '.') is required\n", "text/plain", Encoding.UTF8, 400);
        }

        return Results.Text($"{callback}({json});", "text/javascript", Encoding.UTF8);
    }

    public static IResult Error(int status, string message) => Results.Text(message + "\n", "text/plain", Encoding.UTF8, status);

    public static IResult NotReady() => Error(503, "Agent is starting");

    private static bool IsCallbackName(string name) =>
        name.Length <= 256 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '.') && !char.IsAsciiDigit(name[0]);
}
