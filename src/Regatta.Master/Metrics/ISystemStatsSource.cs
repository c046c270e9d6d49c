namespace Regatta.Master.Metrics;

/// <summary>Reads the machine's current figures (the I/O edge of the metrics; tests substitute fixed values).</summary>
internal interface ISystemStatsSource
{
    SystemStats Read();
}
