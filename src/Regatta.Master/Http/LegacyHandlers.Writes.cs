using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Regatta.Master.Http;

/// <summary>The legacy endpoints that change state (weights, teardown) and the leader redirect.</summary>
internal sealed partial class LegacyHandlers
{
    // Form bodies of these endpoints hold one id or a short array; anything bigger is a mistake.
    private const long MaxFormBodyBytes = 1024 * 1024;

    public async Task WeightsAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await RenderAsync(context, (stream, snapshot) =>
            {
                LegacyRolesJson.WriteWeights(stream.Writer, snapshot);
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
            return;
        }

        if (!await OperatorHttp.EnsureLeaderAsync(context, _master).ConfigureAwait(false))
        {
            return;
        }

        var body = await OperatorHttp.ReadBodyAsync(context, MaxFormBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var weights = LegacyWeights.TryParse(body, out var error);
        if (weights is null)
        {
            await JsonEndpoint.WriteTextAsync(context, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
            return;
        }

        _logger.WeightsUpdateRequested(Describe(weights));
        var problem = await _master.UpdateWeightsAsync(weights, context.RequestAborted).ConfigureAwait(false);
        if (problem is not null)
        {
            await JsonEndpoint.WriteTextAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async Task TeardownAsync(HttpContext context)
    {
        if (!await OperatorHttp.EnsureLeaderAsync(context, _master).ConfigureAwait(false))
        {
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.Headers.Allow = HttpMethods.Post;
            await JsonEndpoint.WriteTextAsync(
                context,
                StatusCodes.Status405MethodNotAllowed,
                $"Expecting one of {{ 'POST' }}, but received '{context.Request.Method}'").ConfigureAwait(false);
            return;
        }

        var body = await OperatorHttp.ReadBodyAsync(context, MaxFormBodyBytes).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        // Mesos decodes the body as a query string whatever its Content-Type says.
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        if (!form.TryGetValue("frameworkId", out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            await JsonEndpoint.WriteTextAsync(
                context,
                StatusCodes.Status400BadRequest,
                "Missing 'frameworkId' query parameter in the request body").ConfigureAwait(false);
            return;
        }

        var frameworkId = values.ToString();
        _logger.TeardownRequested(frameworkId);
        if (!await _master.TeardownFrameworkAsync(frameworkId, context.RequestAborted).ConfigureAwait(false))
        {
            await JsonEndpoint.WriteTextAsync(
                context,
                StatusCodes.Status400BadRequest,
                $"No framework found with specified ID '{frameworkId}'").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>307 to the leading master's base URL (<c>//hostname:port</c>; this master when it leads), 503 when no leader is known.</summary>
    public async Task RedirectAsync(HttpContext context)
    {
        var leader = _master.Leader;
        if (!leader.IsLeader)
        {
            if (leader.LeaderAddress is { } address)
            {
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = "//" + address;
                return;
            }

            await JsonEndpoint.WriteTextAsync(context, StatusCodes.Status503ServiceUnavailable, "No leader elected").ConfigureAwait(false);
            return;
        }

        var snapshot = await OperatorHttp.TrySnapshotAsync(context, _master, _logger).ConfigureAwait(false);
        if (snapshot is null)
        {
            return;
        }

        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = OperatorHttp.SelfBase(snapshot);
    }

    private static string Describe(IReadOnlyDictionary<string, double> weights) =>
        string.Join(",", weights.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));
}
