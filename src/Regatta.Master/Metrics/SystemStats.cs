namespace Regatta.Master.Metrics;

/// <summary>Machine figures for the <c>system/*</c> metrics; null where the platform does not say.</summary>
internal sealed record SystemStats(
    int CpusTotal,
    long? MemTotalBytes,
    long? MemFreeBytes,
    double? Load1Min,
    double? Load5Min,
    double? Load15Min)
{
    public static SystemStats Unknown { get; } = new(Environment.ProcessorCount, null, null, null, null, null);
}
