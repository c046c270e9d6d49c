namespace Regatta.Agent.Isolation;

/// <summary>Resource usage of one container, in Mesos's ResourceStatistics units (seconds, bytes); null when unknown.</summary>
internal sealed record ContainerStatistics(
    double Timestamp,
    double? CpusUserTimeSecs,
    double? CpusSystemTimeSecs,
    double? CpusLimit,
    long? MemRssBytes,
    long? MemLimitBytes,
    long? MemTotalBytes,
    int? Processes = null);
