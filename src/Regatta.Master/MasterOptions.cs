namespace Regatta.Master;

/// <summary>
/// Master configuration, one property per Mesos flag (names in the comments). Build it from flags, then call
/// <see cref="Validate"/>; <see cref="MasterHost.StartAsync(MasterOptions, Microsoft.Extensions.Logging.ILoggerFactory, TimeProvider, CancellationToken)"/>
/// refuses options with errors.
/// </summary>
public sealed record MasterOptions
{
    public const string ReplicatedLogRegistry = "replicated_log";
    public const string InMemoryRegistry = "in_memory";

    /// <summary>--ip: address to listen on.</summary>
    public string Ip { get; init; } = "0.0.0.0";

    /// <summary>--port: 0 lets the OS choose (see <see cref="MasterHost.BoundPort"/>).</summary>
    public int Port { get; init; } = 5050;

    /// <summary>--hostname: advertised hostname (default: the machine's name).</summary>
    public string? Hostname { get; init; }

    /// <summary>--advertise_ip: address put in MasterInfo instead of the bind address.</summary>
    public string? AdvertiseIp { get; init; }

    /// <summary>--advertise_port.</summary>
    public int? AdvertisePort { get; init; }

    /// <summary>--work_dir: holds master/registry.db; required unless the registry is in_memory.</summary>
    public string? WorkDir { get; init; }

    /// <summary>--registry: replicated_log (durable, SQLite under work_dir) or in_memory.</summary>
    public string Registry { get; init; } = ReplicatedLogRegistry;

    /// <summary>--roles: if set, the only roles frameworks may use.</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>--weights: role → weight.</summary>
    public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double>();

    /// <summary>--offer_timeout: unset means offers never time out.</summary>
    public TimeSpan? OfferTimeout { get; init; }

    /// <summary>--allocation_interval: the periodic safety-net allocation run.</summary>
    public TimeSpan AllocationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>--min_allocatable_resources, Mesos syntax: <c>|</c> separates alternatives, <c>;</c> joins quantities.</summary>
    public string MinAllocatableResources { get; init; } = "cpus:0.01|mem:32";

    /// <summary>--agent_ping_timeout: ping period and the time a ping may go unanswered.</summary>
    public TimeSpan AgentPingTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>--max_agent_ping_timeouts.</summary>
    public int MaxAgentPingTimeouts { get; init; } = 5;

    /// <summary>--agent_reregister_timeout: how long recovered agents have to re-register after a master start.</summary>
    public TimeSpan AgentReregisterTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>--max_completed_frameworks.</summary>
    public int MaxCompletedFrameworks { get; init; } = 50;

    /// <summary>--max_completed_tasks_per_framework.</summary>
    public int MaxCompletedTasksPerFramework { get; init; } = 1000;

    /// <summary>--max_operator_event_stream_subscribers.</summary>
    public int MaxOperatorEventSubscribers { get; init; } = 1000;

    /// <summary>--cluster: a human-readable cluster name.</summary>
    public string? Cluster { get; init; }

    /// <summary>Scheduler stream heartbeat period (Mesos DEFAULT_HEARTBEAT_INTERVAL; not a flag).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long an allocation request waits so that requests arriving together share one run.</summary>
    public TimeSpan AllocationBatchDelay { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Seed for the allocator's agent order (tests pin it).</summary>
    public int AllocatorSeed { get; init; } = Environment.TickCount;

    /// <summary>Version reported in MasterInfo, /version and to agents.</summary>
    public string Version { get; init; } = "1.11.0";

    /// <summary>Flag name → value as given, for /master/state "flags" and GET_FLAGS.</summary>
    public IReadOnlyDictionary<string, string> Flags { get; init; } = new Dictionary<string, string>();

    /// <summary>Largest scheduler API request body accepted.</summary>
    public long MaxRequestBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest agent protocol frame accepted.</summary>
    public int MaxAgentFrameBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>True when the registry survives restarts.</summary>
    public bool IsDurable => Registry == ReplicatedLogRegistry;

    /// <summary>Checks every option; each error names the flag and the rule it breaks. Empty when valid.</summary>
    public IReadOnlyList<string> Validate() => MasterOptionsValidator.Validate(this);
}
