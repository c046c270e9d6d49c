namespace Regatta.Master.Snapshots;

/// <summary>Allocation run statistics (metrics <c>allocator/mesos/allocation_run*</c>).</summary>
/// <param name="Runs">Completed allocation runs.</param>
/// <param name="LastRunMs">Duration of the latest run.</param>
/// <param name="TotalRunMs">Sum of all run durations.</param>
/// <param name="MaxRunMs">Longest run.</param>
/// <param name="LastLatencyMs">How long the latest run waited after it was requested.</param>
internal sealed record AllocatorStats(long Runs, double LastRunMs, double TotalRunMs, double MaxRunMs, double LastLatencyMs)
{
    public static AllocatorStats None { get; } = new(0, 0, 0, 0, 0);
}
