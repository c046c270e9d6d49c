using System.Text.Json.Nodes;

namespace Regatta.Agent.Http;

/// <summary>Outcome of a /files request: a JSON body, or an HTTP error status with a message.</summary>
internal sealed record FilesResult(int Status, JsonNode? Body, string? Error)
{
    public static FilesResult Ok(JsonNode body) => new(200, body, null);

    public static FilesResult Fail(int status, string error) => new(status, null, error);
}
