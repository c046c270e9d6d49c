using Regatta.Cli.Flags;

namespace Regatta.Cli.Commands;

/// <summary>The agent's flags, with Mesos's names, defaults and duration syntax.</summary>
internal static class AgentFlags
{
    public static FlagSet Create() => new("agent", "MESOS_",
    [
        new("master", FlagKind.String, null, "Master to register with: host:port") { Required = true },
        new("ip", FlagKind.String, "0.0.0.0", "IP address to listen on"),
        new("port", FlagKind.Int, "5051", "Port to listen on"),
        new("hostname", FlagKind.String, null, "Hostname reported to the master (default: this machine's name)"),
        new("advertise_ip", FlagKind.String, null, "IP address advertised to reach this agent"),
        new("work_dir", FlagKind.String, null, "Directory for sandboxes and checkpoints") { Required = true },
        new("resources", FlagKind.String, null, "Resources offered, e.g. cpus:4;mem:4096;ports(*):[31000-32000] or a JSON array"),
        new("attributes", FlagKind.String, null, "Attributes, e.g. rack:r1;zone:a;level:3"),
        new("default_role", FlagKind.String, "*", "Role of resources given without one"),
        new("containerizers", FlagKind.String, "mesos", "Containerizers: mesos, docker (DOCKER tasks go to docker)"),
        new("isolation", FlagKind.String, null, "Isolators, e.g. cgroups/cpu,cgroups/mem or posix/cpu,posix/mem (default: cgroups when writable, else posix)"),
        new("cgroups_enable_cfs", FlagKind.Bool, "false", "Cap cpu time with a CFS quota of cpus x period (not only shares)"),
        new("cgroups_root", FlagKind.String, "mesos", "Name of the cgroup under each controller that holds the containers"),
        new("cgroups_hierarchy", FlagKind.String, "/sys/fs/cgroup", "Where the cgroup controllers are mounted"),
        new("docker_socket", FlagKind.String, "/var/run/docker.sock", "Unix socket of the Docker Engine API (Docker or podman's compatible service)"),
        new("fetcher_cache_dir", FlagKind.String, "/tmp/mesos/fetch", "Directory of the fetcher cache (URIs with cache=true)"),
        new("fetcher_cache_size", FlagKind.String, "2GB", "Size limit of the fetcher cache, e.g. 2GB, 512MB (least recently used evicted)"),
        new("registration_backoff_factor", FlagKind.Duration, "1secs", "Base of the randomized backoff between registration attempts"),
        new("recover", FlagKind.String, "reconnect", "reconnect: re-attach to the tasks of the previous run and leave tasks running when stopped; cleanup: kill them"),
        new("executor_shutdown_grace_period", FlagKind.Duration, "5secs", "Grace period for executors to shut down"),
        new("log_dir", FlagKind.String, null, "Directory for log files (default: log to stderr)"),
        new("logging_level", FlagKind.String, "INFO", "Lowest level logged: INFO, WARNING or ERROR"),
    ]);
}
