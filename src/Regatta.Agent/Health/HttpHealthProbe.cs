using System.Globalization;
using System.Net.Http;

namespace Regatta.Agent.Health;

/// <summary>
/// HTTP check: GET scheme://127.0.0.1:port/path (redirects followed, certificates not verified, as Mesos's curl
/// call does); healthy for 200-399, or for exactly the listed statuses when some are given.
/// </summary>
internal sealed class HttpHealthProbe(HttpClient client, Uri url, IReadOnlyCollection<int> statuses) : IHealthProbe
{
    public Uri Url => url;

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            var ok = statuses.Count > 0 ? statuses.Contains(code) : code is >= 200 and <= 399;
            return ok ? null : $"GET {url} returned {code.ToString(CultureInfo.InvariantCulture)}{Phrase(response)}";
        }
        catch (HttpRequestException e)
        {
            return $"GET {url} failed: {e.Message}";
        }
    }

    private static string Phrase(HttpResponseMessage response) =>
        string.IsNullOrEmpty(response.ReasonPhrase) ? "" : " " + response.ReasonPhrase;
}
