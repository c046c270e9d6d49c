using Regatta.Master.Metrics;

namespace Regatta.Master.Http;

/// <summary>Every operator-facing HTTP surface of the master, for the composition root to pass to the host.</summary>
internal static class OperatorRoutes
{
    /// <summary>
    /// The legacy JSON endpoints, <c>/metrics/snapshot</c> and the v1 Operator API.
    /// </summary>
    /// <param name="timeProvider">Clock for the SUBSCRIBE heartbeats (default: the system clock).</param>
    /// <param name="system">Source of the <c>system/*</c> metrics (default: Linux <c>/proc</c>).</param>
    public static IReadOnlyList<IMasterRoutes> All(TimeProvider? timeProvider = null, ISystemStatsSource? system = null)
    {
        system ??= new ProcSystemStats();
        return
        [
            new LegacyRoutes(),
            new MetricsRoutes(system),
            new OperatorApiRoutes(timeProvider ?? TimeProvider.System, system),
        ];
    }
}
