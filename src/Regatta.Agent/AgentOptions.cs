using System.Globalization;
using System.Net;
using Regatta.Resources;

namespace Regatta.Agent;

/// <summary>
/// Configuration of one agent, named after the Mesos agent flags (<c>--master</c>, <c>--work_dir</c>, …).
/// The CLI builds it from flags; <see cref="Validate"/> reports every problem with the flag it concerns.
/// </summary>
public sealed record AgentOptions
{
    /// <summary><c>--master</c>: the master's <c>host:port</c>. ZooKeeper URLs come with HA support.</summary>
    public string Master { get; init; } = "";

    /// <summary><c>--ip</c>: address the agent's HTTP server binds to.</summary>
    public string Ip { get; init; } = "0.0.0.0";

    /// <summary><c>--port</c>: HTTP port; 0 lets the OS choose (see <see cref="AgentHost.BoundPort"/>).</summary>
    public int Port { get; init; } = 5051;

    /// <summary><c>--hostname</c>: name reported to the master and to frameworks; defaults to the machine name.</summary>
    public string? Hostname { get; init; }

    /// <summary><c>--advertise_ip</c>: address others use to reach this agent; defaults to <see cref="Ip"/> or, for a
    /// wildcard bind, the first IPv4 address of the host name.</summary>
    public string? AdvertiseIp { get; init; }

    /// <summary><c>--work_dir</c> (required): sandboxes and checkpointed meta data live here.</summary>
    public string WorkDir { get; init; } = "";

    /// <summary><c>--resources</c>: Mesos text form or a JSON array; omitted names are detected.</summary>
    public string? Resources { get; init; }

    /// <summary><c>--attributes</c>: <c>name:value;…</c>.</summary>
    public string? Attributes { get; init; }

    /// <summary><c>--default_role</c>: role of resources that name none.</summary>
    public string DefaultRole { get; init; } = RoleName.Unreserved;

    /// <summary><c>--containerizers</c>: comma-separated, from <c>mesos</c> and <c>docker</c> (DOCKER tasks go to docker).</summary>
    public string Containerizers { get; init; } = "mesos";

    /// <summary><c>--docker_socket</c>: the Docker Engine API's unix socket (Docker or podman's compatible service).</summary>
    public string DockerSocket { get; init; } = "/var/run/docker.sock";

    /// <summary>True when <see cref="Containerizers"/> names <c>docker</c>.</summary>
    internal bool DockerEnabled => Containerizers.Split(',', StringSplitOptions.TrimEntries).Contains("docker", StringComparer.Ordinal);

    /// <summary><c>--recover</c>: <c>reconnect</c> (default) re-attaches to the tasks a previous run of this agent left
    /// running (from the checkpoints under work_dir/meta); <c>cleanup</c> kills them and starts as a new agent.</summary>
    public string Recover { get; init; } = "reconnect";

    /// <summary>Whether stopping the agent kills its tasks. Mesos leaves checkpointed tasks running when the agent stops so
    /// that the next agent recovers them (the CLI does that with <c>--recover=reconnect</c>); embedded agents
    /// (<c>regatta up</c>, tests) kill them.</summary>
    public bool KillTasksOnShutdown { get; init; } = true;

    internal bool RecoverReconnect => Recover == "reconnect";

    /// <summary><c>--isolation</c>: comma-separated isolators of the mesos containerizer (cgroups/cpu, cgroups/mem,
    /// posix/cpu, posix/mem, filesystem/posix). Null: cgroups/cpu,cgroups/mem when cgroups are writable, else
    /// posix/cpu,posix/mem with a warning.</summary>
    public string? Isolation { get; init; }

    /// <summary><c>--cgroups_enable_cfs</c>: also cap cpu time with a CFS quota (cpus × 100 ms per 100 ms).</summary>
    public bool CgroupsEnableCfs { get; init; }

    /// <summary><c>--cgroups_root</c>: name of the cgroup (under each controller) that holds the containers' cgroups.</summary>
    public string CgroupsRoot { get; init; } = "mesos";

    /// <summary><c>--cgroups_hierarchy</c>: where the cgroup controllers are mounted.</summary>
    public string CgroupsHierarchy { get; init; } = "/sys/fs/cgroup";

    /// <summary><c>--fetcher_cache_dir</c>: where URIs fetched with <c>cache=true</c> are kept (emptied on first use).</summary>
    public string FetcherCacheDir { get; init; } = "/tmp/mesos/fetch";

    /// <summary><c>--fetcher_cache_size</c> in bytes (Mesos syntax such as 2GB on the command line); least recently used
    /// entries are evicted beyond it.</summary>
    public long FetcherCacheSize { get; init; } = 2L << 30;

    /// <summary><c>--switch_user</c>: run tasks as their user when the agent runs as root.</summary>
    public bool SwitchUser { get; init; } = true;

    /// <summary><c>--registration_backoff_factor</c>: base of the random reconnect backoff.</summary>
    public TimeSpan RegistrationBackoffFactor { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the reconnect backoff (the agent protocol fixes 10 s).</summary>
    public TimeSpan RegistrationBackoffMax { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>--executor_shutdown_grace_period</c>: grace before SIGKILL when a framework shuts down.</summary>
    public TimeSpan ExecutorShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First status update retry interval (Mesos STATUS_UPDATE_RETRY_INTERVAL_MIN).</summary>
    public TimeSpan StatusUpdateRetryMin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest status update retry interval (Mesos STATUS_UPDATE_RETRY_INTERVAL_MAX).</summary>
    public TimeSpan StatusUpdateRetryMax { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Grace between SIGTERM and SIGKILL when a kill names no kill policy (command executor default).</summary>
    public TimeSpan DefaultKillGracePeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Ping interval assumed until the master states its own in <c>Registered</c>; the agent gives up on a
    /// master after three intervals of silence.</summary>
    public TimeSpan DefaultPingInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The flags as given on the command line, shown by <c>/flags</c> and <c>/state</c>; when null the
    /// agent renders its options in flag form.</summary>
    public IReadOnlyDictionary<string, string>? Flags { get; init; }

    /// <summary>Returns one message per problem, each naming the flag and the rule; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!MasterAddress.TryParse(Master, out _, out var masterError))
        {
            errors.Add($"--master: {masterError}");
        }

        if (!IPAddress.TryParse(Ip, out _))
        {
            errors.Add($"--ip: '{Ip}' is not an IP address");
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add($"--port: {Port} is outside 0-65535");
        }

        if (Hostname is not null && (Hostname.Length == 0 || Hostname.Any(char.IsWhiteSpace)))
        {
            errors.Add($"--hostname: '{Hostname}' must be non-empty and contain no whitespace");
        }

        if (AdvertiseIp is not null && !IPAddress.TryParse(AdvertiseIp, out _))
        {
            errors.Add($"--advertise_ip: '{AdvertiseIp}' is not an IP address");
        }

        if (string.IsNullOrWhiteSpace(WorkDir))
        {
            errors.Add("--work_dir: required (sandboxes and agent meta data are kept there)");
        }

        var roleProblem = RoleName.Check(DefaultRole);
        if (roleProblem is not null)
        {
            errors.Add($"--default_role: {roleProblem}");
        }
        else if (!string.IsNullOrWhiteSpace(Resources) && !ResourceText.TryParse(Resources, out _, out var resourceError, DefaultRole))
        {
            errors.Add($"--resources: {resourceError}");
        }

        if (!string.IsNullOrWhiteSpace(Attributes) && !AttributeText.TryParse(Attributes, out _, out var attributeError))
        {
            errors.Add($"--attributes: {attributeError}");
        }

        errors.AddRange(ValidateContainerizers());
        if (Recover is not ("reconnect" or "cleanup"))
        {
            errors.Add($"--recover: '{Recover}' must be 'reconnect' or 'cleanup'");
        }

        errors.AddRange(global::Regatta.Agent.Isolation.IsolationSetup.Validate(Isolation));
        if (string.IsNullOrWhiteSpace(CgroupsRoot) || CgroupsRoot.StartsWith('/') || CgroupsRoot.Split('/').Any(p => p is "" or "." or ".."))
        {
            errors.Add($"--cgroups_root: '{CgroupsRoot}' must be a relative cgroup path such as 'mesos' (no empty, '.' or '..' parts)");
        }

        if (string.IsNullOrWhiteSpace(CgroupsHierarchy) || !CgroupsHierarchy.StartsWith('/'))
        {
            errors.Add($"--cgroups_hierarchy: '{CgroupsHierarchy}' must be an absolute path such as '/sys/fs/cgroup'");
        }

        if (string.IsNullOrWhiteSpace(FetcherCacheDir) || !FetcherCacheDir.StartsWith('/'))
        {
            errors.Add($"--fetcher_cache_dir: '{FetcherCacheDir}' must be an absolute path such as '/tmp/mesos/fetch'");
        }

        if (FetcherCacheSize < 0)
        {
            errors.Add($"--fetcher_cache_size: {FetcherCacheSize} bytes must be zero or positive (e.g. 2GB)");
        }

        RequirePositive(errors, "--registration_backoff_factor", RegistrationBackoffFactor, allowZero: true);
        RequirePositive(errors, "--registration_backoff_max", RegistrationBackoffMax, allowZero: true);
        RequirePositive(errors, "--executor_shutdown_grace_period", ExecutorShutdownGracePeriod, allowZero: true);
        RequirePositive(errors, "--status_update_retry_min", StatusUpdateRetryMin, allowZero: false);
        RequirePositive(errors, "--status_update_retry_max", StatusUpdateRetryMax, allowZero: false);
        RequirePositive(errors, "--default_kill_grace_period", DefaultKillGracePeriod, allowZero: true);
        RequirePositive(errors, "--default_ping_interval", DefaultPingInterval, allowZero: false);
        if (StatusUpdateRetryMax < StatusUpdateRetryMin)
        {
            errors.Add("--status_update_retry_max: must not be smaller than the minimum retry interval");
        }

        return errors;
    }

    internal IReadOnlyDictionary<string, string> EffectiveFlags() => Flags ?? new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["master"] = Master,
        ["ip"] = Ip,
        ["port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["hostname"] = Hostname ?? "",
        ["advertise_ip"] = AdvertiseIp ?? "",
        ["work_dir"] = WorkDir,
        ["resources"] = Resources ?? "",
        ["attributes"] = Attributes ?? "",
        ["default_role"] = DefaultRole,
        ["containerizers"] = Containerizers,
        ["recover"] = Recover,
        ["docker_socket"] = DockerSocket,
        ["switch_user"] = SwitchUser ? "true" : "false",
        ["fetcher_cache_dir"] = FetcherCacheDir,
        ["fetcher_cache_size"] = Fetcher.ByteSize.Format(FetcherCacheSize),
        ["isolation"] = Isolation ?? "",
        ["cgroups_enable_cfs"] = CgroupsEnableCfs ? "true" : "false",
        ["cgroups_root"] = CgroupsRoot,
        ["cgroups_hierarchy"] = CgroupsHierarchy,
        ["registration_backoff_factor"] = DurationText.Format(RegistrationBackoffFactor),
        ["executor_shutdown_grace_period"] = DurationText.Format(ExecutorShutdownGracePeriod),
    };

    private IEnumerable<string> ValidateContainerizers()
    {
        var names = Containerizers.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0))
        {
            yield return $"--containerizers: '{Containerizers}' has an empty name; give a comma-separated list such as 'mesos'";
            yield break;
        }

        foreach (var name in names)
        {
            if (name is not ("mesos" or "docker"))
            {
                yield return $"--containerizers: unknown containerizer '{name}'; known: mesos, docker";
            }
        }

        if (names.Contains("docker", StringComparer.Ordinal) && (string.IsNullOrWhiteSpace(DockerSocket) || !DockerSocket.StartsWith('/')))
        {
            yield return $"--docker_socket: '{DockerSocket}' must be the absolute path of the Docker Engine's unix socket";
        }
    }

    private static void RequirePositive(List<string> errors, string flag, TimeSpan value, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            errors.Add($"{flag}: {DurationText.Format(value)} must be {(allowZero ? "zero or positive" : "positive")}");
        }
    }
}
