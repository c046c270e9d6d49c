namespace Regatta.Services.Http;

/// <summary>What a <c>GET /v2/apps</c> asked for: the embeds and the filters.</summary>
internal sealed record ListingQuery(AppEmbed Embed, string Cmd, string Id, string Label);

/// <summary>
/// A listing's AppInfos as rendered at a version of the scheduler's loop and of the health results (0 when the
/// listing shows no health); never changed once made, so any request thread may send it.
/// </summary>
internal sealed record RenderedListing(long Version, long HealthVersion, IReadOnlyList<byte[]> AppInfos);
