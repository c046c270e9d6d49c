using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Regatta.Services.Http;

/// <summary>
/// Requests no endpoint takes still get a JSON <c>{"message"}</c>, as every Marathon error does: 404
/// <c>URI not found</c> for an unknown path, and 405 (Jersey's <c>HTTP 405 Method Not Allowed</c>) for a known path
/// asked with the wrong method. Without this, routing answers both with an empty body.
/// </summary>
internal static class UnmatchedRoutes
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapFallback("{**path}", context => IsKnownPath(routes, context.Request.Path)
            ? HttpReplies.MessageAsync(context, 405, "HTTP 405 Method Not Allowed")
            : HttpReplies.MessageAsync(context, 404, "URI not found"));

    private static bool IsKnownPath(IEndpointRouteBuilder routes, PathString path) =>
        routes.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Order != int.MaxValue) // the fallback itself
            .Any(endpoint => new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()));
}
