using System.Text;

namespace Regatta.Services.Health;

/// <summary>Readiness queries: a GET whose status, media type and (when kept) body become the result.</summary>
internal sealed partial class NetworkProber
{
    /// <summary>At most this much of a readiness body is kept for <c>lastResponse</c>; the rest is dropped.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task<ReadinessResult> CheckAsync(ReadinessTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Url is not { } url)
        {
            return ReadinessRules.FromFailure(target, target.Problem ?? "no URL", time.GetUtcNow());
        }

        using var timeout = new CancellationTokenSource(Bounded(target.Timeout), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = NewGet(url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = target.PreserveLastResponse ? await ReadBodyAsync(response.Content, linked.Token).ConfigureAwait(false) : string.Empty;
            var contentType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            var answer = new ReadinessResponse((int)response.StatusCode, contentType, body);
            return ReadinessRules.FromResponse(target, answer, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ReadinessRules.FromFailure(target, TimedOut(url, target.Timeout), time.GetUtcNow());
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return ReadinessRules.FromFailure(target, DescribeFailure(e), time.GetUtcNow());
        }
    }

    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes];
            var length = 0;
            while (length < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
    }
}
