using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Master.Metrics;

namespace Regatta.Master.Http;

/// <summary>The v1 Operator API: <c>POST /api/v1</c> (and <c>/master/api/v1</c>), JSON or protobuf.</summary>
internal sealed class OperatorApiRoutes : IMasterRoutes
{
    private readonly TimeProvider _timeProvider;
    private readonly ISystemStatsSource _system;

    public OperatorApiRoutes(TimeProvider timeProvider, ISystemStatsSource system)
    {
        _timeProvider = timeProvider;
        _system = system;
    }

    public void Map(IEndpointRouteBuilder endpoints, MasterHost master)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(master);
        var loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var handler = new OperatorCallHandler(master, _timeProvider, _system, loggerFactory.CreateLogger("Regatta.Master.Http.Operator"));

        // Mapped for every method: the endpoint itself answers 405 with Mesos's text, as part of its error ladder.
        endpoints.Map("/api/v1", handler.HandleAsync);
        endpoints.Map("/master/api/v1", handler.HandleAsync);
    }
}
