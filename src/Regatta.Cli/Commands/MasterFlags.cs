using Regatta.Cli.Flags;

namespace Regatta.Cli.Commands;

/// <summary>The master's flags, with Mesos's names, defaults and duration syntax.</summary>
internal static class MasterFlags
{
    public static FlagSet Create() => new("master", "MESOS_",
    [
        new("ip", FlagKind.String, "0.0.0.0", "IP address to listen on"),
        new("port", FlagKind.Int, "5050", "Port to listen on"),
        new("hostname", FlagKind.String, null, "Hostname advertised to agents and frameworks (default: this machine's name)"),
        new("advertise_ip", FlagKind.String, null, "IP address advertised to reach this master"),
        new("advertise_port", FlagKind.Int, null, "Port advertised to reach this master"),
        new("work_dir", FlagKind.String, null, "Directory for the registry (SQLite); required unless --registry=in_memory"),
        new("registry", FlagKind.String, "replicated_log", "Registry persistence: replicated_log (durable, SQLite in work_dir) or in_memory"),
        new("roles", FlagKind.String, null, "Comma-separated whitelist of roles frameworks may use"),
        new("weights", FlagKind.String, null, "Role weights, e.g. web=2,batch=1"),
        new("offer_timeout", FlagKind.Duration, null, "Rescind offers not answered within this duration (default: never)"),
        new("allocation_interval", FlagKind.Duration, "1secs", "Safety-net interval between full allocation runs (runs are event-driven)"),
        new("min_allocatable_resources", FlagKind.String, "cpus:0.01|mem:32", "Smallest offer: alternatives separated by |, resources in each joined by ;"),
        new("agent_ping_timeout", FlagKind.Duration, "15secs", "Interval between pings to each agent"),
        new("max_agent_ping_timeouts", FlagKind.Int, "5", "Missed pings after which an agent is unreachable"),
        new("agent_reregister_timeout", FlagKind.Duration, "10mins", "After a master restart, how long agents have to re-register"),
        new("max_completed_frameworks", FlagKind.Int, "50", "Completed frameworks kept in memory"),
        new("max_completed_tasks_per_framework", FlagKind.Int, "1000", "Completed tasks kept per framework"),
        new("cluster", FlagKind.String, null, "Human-readable cluster name shown in the UI and /master/state"),
        new("quorum", FlagKind.Int, null, "Replicas needed for a write (HA mode; accepted for compatibility)"),
        new("zk", FlagKind.String, null, "ZooKeeper URL for leader election (zk://host:port,.../path)"),
        new("zk_session_timeout", FlagKind.Duration, "10secs", "ZooKeeper session timeout"),
        new("log_dir", FlagKind.String, null, "Directory for log files (default: log to stderr)"),
        new("logging_level", FlagKind.String, "INFO", "Lowest level logged: INFO, WARNING or ERROR"),
    ]);
}
