using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Master.Metrics;

namespace Regatta.Master.Http;

/// <summary>
/// <c>/metrics/snapshot</c>: one flat JSON object of Mesos metric names. The optional <c>timeout</c> query
/// parameter is accepted and ignored: every value comes from one snapshot, so nothing can time out.
/// </summary>
internal sealed class MetricsRoutes : IMasterRoutes
{
    private readonly ISystemStatsSource _system;

    public MetricsRoutes(ISystemStatsSource system) => _system = system;

    public void Map(IEndpointRouteBuilder endpoints, MasterHost master)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(master);
        var loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("Regatta.Master.Http.Metrics");
        endpoints.MapGet("/metrics/snapshot", async context =>
        {
            var snapshot = await OperatorHttp.TrySnapshotAsync(context, master, logger).ConfigureAwait(false);
            if (snapshot is null)
            {
                return;
            }

            var metrics = MasterMetrics.Collect(snapshot, _system.Read());
            await JsonEndpoint.WriteAsync(context, stream =>
            {
                stream.Writer.WriteStartObject();
                foreach (var (name, value) in metrics)
                {
                    stream.Writer.WriteNumber(name, value);
                }

                stream.Writer.WriteEndObject();
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
        });
    }
}
