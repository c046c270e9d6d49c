using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Regatta.Master.Http;

/// <summary>
/// Mesos's legacy (v0) JSON endpoints. Each lives under <c>/master/&lt;name&gt;</c> and at the bare
/// <c>/&lt;name&gt;</c> (libprocess delegates unknown first segments to the master), and the read endpoints also
/// answer at the <c>.json</c> names removed in Mesos 1.8 that old tools still call.
/// </summary>
internal sealed class LegacyRoutes : IMasterRoutes
{
    public void Map(IEndpointRouteBuilder endpoints, MasterHost master)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(master);
        var loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var handlers = new LegacyHandlers(master, loggerFactory.CreateLogger("Regatta.Master.Http.Legacy"));

        MapRead(endpoints, "state", handlers.StateAsync);
        MapRead(endpoints, "state-summary", handlers.StateSummaryAsync);
        MapRead(endpoints, "frameworks", handlers.FrameworksAsync);
        MapRead(endpoints, "slaves", handlers.SlavesAsync);
        MapRead(endpoints, "tasks", handlers.TasksAsync);
        MapRead(endpoints, "roles", handlers.RolesAsync);
        MapRead(endpoints, "flags", handlers.FlagsAsync);
        foreach (var path in Paths("weights", withJsonAlias: true))
        {
            endpoints.MapMethods(path, [HttpMethods.Get, HttpMethods.Put], handlers.WeightsAsync);
        }

        foreach (var path in Paths("teardown", withJsonAlias: false))
        {
            endpoints.Map(path, handlers.TeardownAsync);
        }

        foreach (var path in Paths("redirect", withJsonAlias: false))
        {
            endpoints.Map(path, handlers.RedirectAsync);
        }

        foreach (var path in Paths("health", withJsonAlias: false))
        {
            endpoints.MapGet(path, (HttpContext context) => Task.CompletedTask);
        }

        // /version belongs to its own libprocess process in Mesos, so it has no /master alias.
        endpoints.MapGet("/version", handlers.VersionAsync);
    }

    internal static IEnumerable<string> Paths(string name, bool withJsonAlias)
    {
        yield return "/master/" + name;
        yield return "/" + name;
        if (withJsonAlias)
        {
            yield return "/master/" + name + ".json";
            yield return "/" + name + ".json";
        }
    }

    private static void MapRead(IEndpointRouteBuilder endpoints, string name, RequestDelegate handler)
    {
        foreach (var path in Paths(name, withJsonAlias: true))
        {
            endpoints.MapGet(path, handler);
        }
    }
}
