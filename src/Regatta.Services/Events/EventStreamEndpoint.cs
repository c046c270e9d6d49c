using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Regatta.Services.Events;

/// <summary>
/// Maps <c>GET /v2/events</c>, Marathon's server-sent-events stream of the <see cref="EventBus"/>
/// (see <see cref="EventStreamHandler"/> for what a stream does).
/// </summary>
internal static class EventStreamEndpoint
{
    public const string Route = "/v2/events";

    public static RouteHandlerBuilder Map(
        IEndpointRouteBuilder routes,
        EventBus bus,
        TimeProvider time,
        EventStreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var logger = routes.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(typeof(EventStreamEndpoint).FullName!)
            ?? NullLogger.Instance;
        var handler = new EventStreamHandler(bus, time, options ?? EventStreamOptions.Default, logger);

        // A route handler (not a bare RequestDelegate), so the host can add endpoint filters (leader redirect, auth).
        // A stream lives as long as the client wants it: no request timeout may cut it.
        var endpoint = routes.MapGet(Route, (Func<HttpContext, Task>)handler.HandleAsync);
        endpoint.DisableRequestTimeout();
        return endpoint;
    }
}
