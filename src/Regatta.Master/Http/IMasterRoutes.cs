using Microsoft.AspNetCore.Routing;

namespace Regatta.Master.Http;

/// <summary>
/// Extra HTTP routes mounted on the master's server (operator API, legacy JSON endpoints, metrics, web UI).
/// The composition root passes them to <see cref="MasterHost.StartAsync(MasterOptions, Microsoft.Extensions.Logging.ILoggerFactory, TimeProvider, IReadOnlyList{IMasterRoutes}, CancellationToken)"/>.
/// </summary>
internal interface IMasterRoutes
{
    void Map(IEndpointRouteBuilder endpoints, MasterHost master);
}
