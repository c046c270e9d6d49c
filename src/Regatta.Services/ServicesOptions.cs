using System.Net;

namespace Regatta.Services;

/// <summary>
/// Configuration of the services scheduler, named after Marathon's flags (<c>--master</c>, <c>--http_port</c>,
/// <c>--framework_name</c>, …). The CLI builds it from flags; <see cref="Validate"/> names every problem by flag.
/// </summary>
public sealed record ServicesOptions
{
    /// <summary><c>--master</c>: the Mesos master, <c>host:port</c> (or <c>http://host:port</c>).</summary>
    public string Master { get; init; } = "";

    /// <summary><c>--http_address</c>: the address the REST API binds to.</summary>
    public string HttpAddress { get; init; } = "0.0.0.0";

    /// <summary><c>--http_port</c>; 0 lets the OS choose (see <see cref="ServicesHost.BoundPort"/>).</summary>
    public int HttpPort { get; init; } = 8080;

    /// <summary><c>--hostname</c>: the name advertised to Mesos and in /v2/leader.</summary>
    public string? Hostname { get; init; }

    /// <summary><c>--work_dir</c>: where the state (apps, versions, tasks, deployments) is kept (SQLite).</summary>
    public string WorkDir { get; init; } = "";

    /// <summary><c>--framework_name</c>.</summary>
    public string FrameworkName { get; init; } = "marathon";

    /// <summary><c>--mesos_role</c>: the role tasks are launched under.</summary>
    public string MesosRole { get; init; } = "*";

    /// <summary><c>--mesos_user</c>: the user tasks run as unless the app names one.</summary>
    public string? MesosUser { get; init; }

    /// <summary><c>--failover_timeout</c> (seconds): how long the master keeps our tasks while we are away.</summary>
    public double FailoverTimeoutSeconds { get; init; } = 604800;

    /// <summary><c>--local_port_min</c> / <c>--local_port_max</c>: the service port range.</summary>
    public int LocalPortMin { get; init; } = 10000;

    public int LocalPortMax { get; init; } = 20000;

    /// <summary><c>--decline_offer_duration</c> (ms in Marathon): how long unneeded offers are refused.</summary>
    public TimeSpan DeclineOfferDuration { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary><c>--http_credentials user:password</c>: HTTP Basic authentication on every path; null: none.</summary>
    public string? HttpCredentials { get; init; }

    /// <summary><c>--http_realm</c>: the realm named in the 401 challenge.</summary>
    public string HttpRealm { get; init; } = "Mesosphere";

    /// <summary>The flags as given, for /v2/info.</summary>
    public IReadOnlyDictionary<string, string> Flags { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!TryMasterUri(Master, out _))
        {
            errors.Add($"--master: '{Master}' is not host:port of a Mesos master (e.g. 127.0.0.1:5050)");
        }

        if (!IPAddress.TryParse(HttpAddress, out _))
        {
            errors.Add($"--http_address: '{HttpAddress}' is not an IP address");
        }

        if (HttpPort is < 0 or > 65535)
        {
            errors.Add($"--http_port: {HttpPort} is outside 0-65535");
        }

        if (string.IsNullOrWhiteSpace(WorkDir))
        {
            errors.Add("--work_dir: required (apps, versions and tasks are kept there)");
        }

        if (string.IsNullOrWhiteSpace(FrameworkName))
        {
            errors.Add("--framework_name: must not be empty");
        }

        if (LocalPortMin < 1 || LocalPortMax > 65535 || LocalPortMin > LocalPortMax)
        {
            errors.Add($"--local_port_min/--local_port_max: [{LocalPortMin}, {LocalPortMax}] is not a port range within 1-65535");
        }

        if (HttpCredentials is not null && Http.BasicAuthentication.Problem(HttpCredentials) is { } credentialsProblem)
        {
            errors.Add(credentialsProblem);
        }

        if (FailoverTimeoutSeconds < 0)
        {
            errors.Add("--failover_timeout: must be zero or positive");
        }

        return errors;
    }

    internal static bool TryMasterUri(string master, out Uri uri)
    {
        var text = master.Contains("://", StringComparison.Ordinal) ? master : "http://" + master;
        return Uri.TryCreate(text, UriKind.Absolute, out uri!) && uri.Scheme is "http" or "https" && uri.Port > 0
            && !string.IsNullOrEmpty(uri.Host) && (master.Contains(':', StringComparison.Ordinal));
    }
}
