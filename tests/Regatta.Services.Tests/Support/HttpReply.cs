using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regatta.Services.Tests.Support;

/// <summary>One answer of the REST API, read completely: status, headers and body.</summary>
internal sealed record HttpReply(HttpStatusCode Status, string Body, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    public int Code => (int)Status;

    /// <summary>The body as a read-only document, for answers read field by field.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    /// <summary>The body as a node tree, for answers walked by index (<c>reply.Node["apps"]![0]</c>).</summary>
    public JsonNode Node => JsonNode.Parse(Body)!;

    /// <summary>The <c>message</c> of an error body.</summary>
    public string? Message => Json.TryGetProperty("message", out var message) ? message.GetString() : null;

    public string? MediaType => ContentHeaders.ContentType?.MediaType;

    /// <summary>A response or content header's single value (null when absent); names are case-insensitive.</summary>
    public string? Header(string name) =>
        Headers.NonValidated.TryGetValues(name, out var values) || ContentHeaders.NonValidated.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    public string DeploymentId => Header("Marathon-Deployment-Id") ?? throw new InvalidOperationException($"No Marathon-Deployment-Id header: {Code} {Body}");

    public override string ToString() => $"{Code} {Body}";
}
