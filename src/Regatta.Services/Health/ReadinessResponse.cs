namespace Regatta.Services.Health;

/// <summary>
/// The answer a readiness probe got (<c>lastResponse</c>): status, media type without parameters (empty when the
/// server sent none) and body as UTF-8 text.
/// </summary>
internal sealed record ReadinessResponse(int Status, string ContentType, string Body);
