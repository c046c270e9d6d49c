using System.Collections.Immutable;

namespace Regatta.Master.Snapshots;

/// <summary>An immutable copy of the counters at snapshot time.</summary>
internal sealed class MasterCounterValues
{
    private readonly ImmutableArray<long> _values;

    public MasterCounterValues(ImmutableArray<long> values) => _values = values;

    public static MasterCounterValues Empty { get; } = new(ImmutableArray<long>.Empty);

    public long this[MasterCounter counter] => (int)counter < _values.Length ? _values[(int)counter] : 0;

    /// <summary>Every counter with its Mesos metric name.</summary>
    public IEnumerable<KeyValuePair<string, long>> ByMetricName() =>
        MasterCounterNames.All.Select(c => new KeyValuePair<string, long>(MasterCounterNames.MetricName(c), this[c]));
}
