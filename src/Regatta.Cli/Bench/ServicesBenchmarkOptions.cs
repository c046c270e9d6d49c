namespace Regatta.Cli.Bench;

/// <summary>What <c>regatta bench services</c> runs; a part with a count of 0 is skipped.</summary>
internal sealed record ServicesBenchmarkOptions
{
    /// <summary>Apps created one after another on one real agent (POST → TASK_RUNNING); the first warms up.</summary>
    public int LaunchApps { get; init; } = 20;

    /// <summary>Apps created at once on simulated agents for the listing (and deployment) part.</summary>
    public int Apps { get; init; } = 1000;

    public int TasksPerApp { get; init; } = 10;

    public int Agents { get; init; } = 100;

    public double AgentCpus { get; init; } = 16;

    public double AgentMem { get; init; } = 65536;

    public double TaskCpus { get; init; } = 0.01;

    public double TaskMem { get; init; } = 16;

    /// <summary>POST /v2/apps requests in flight at once while the apps of the listing part are created.</summary>
    public int CreateConcurrency { get; init; } = 8;

    /// <summary>Apps per creating request: 1 posts each app (POST /v2/apps), more puts arrays (PUT /v2/apps, one deployment each).</summary>
    public int CreateBatch { get; init; } = 1;

    public int WrkThreads { get; init; } = 2;

    public int WrkConnections { get; init; } = 8;

    public TimeSpan WrkDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The wrk executable (checked before anything starts).</summary>
    public string? WrkPath { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Keep the listing part's cluster up this long after measuring, to look at it by hand.</summary>
    public TimeSpan Hold { get; init; }

    public bool Verbose { get; init; }
}
