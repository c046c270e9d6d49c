using System.Text.Json;

namespace Regatta.Cli.Bench;

/// <summary>What <c>regatta bench services</c> measured, printed as one JSON line (parts that did not run are left out).</summary>
internal sealed class ServicesBenchmarkResult
{
    private readonly Dictionary<string, object?> fields = new() { ["benchmark"] = "services" };

    /// <summary>False when a part did not finish (timeout, task failures, requests that failed).</summary>
    public bool Complete { get; set; } = true;

    public void Add(string name, double value) => fields[name] = double.IsNaN(value) || double.IsInfinity(value) ? null : value;

    public void Add(string name, long value) => fields[name] = value;

    public void Add(string name, string value) => fields[name] = value;

    public void AddWrk(string prefix, WrkResult wrk)
    {
        Add(prefix + "_requests_per_second", wrk.RequestsPerSecond);
        Add(prefix + "_p50_ms", wrk.P50Ms);
        Add(prefix + "_p90_ms", wrk.P90Ms);
        Add(prefix + "_p99_ms", wrk.P99Ms);
        Add(prefix + "_max_ms", wrk.MaxMs);
        Add(prefix + "_requests", wrk.Requests);
        Add(prefix + "_errors", wrk.Errors);
    }

    public string ToJson()
    {
        fields["complete"] = Complete;
        return JsonSerializer.Serialize(fields);
    }
}
