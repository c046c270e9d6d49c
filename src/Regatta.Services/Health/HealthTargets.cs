using Regatta.Services.Model;

namespace Regatta.Services.Health;

/// <summary>
/// Turns an app's checks and a task's addresses into probe targets: a fixed <c>port</c> wins over
/// <c>portIndex</c>, which picks the task's port assignment (see <see cref="TaskPorts"/>); paths get a leading
/// <c>/</c>. Readiness checks find their port by name.
/// </summary>
internal static class HealthTargets
{
    /// <summary>The cause reported when a check's port cannot be reached (Marathon's wording).</summary>
    public const string NoEffectivePort = "Health check failed: unable to get the task's effectivePort";

    public const string NoEffectiveAddress = "Health check failed: unable to get the task's effective IP address";

    /// <summary>The HTTP, HTTPS and TCP checks of <paramref name="app"/> for one task.</summary>
    public static HealthCheckedTask ForTask(string taskId, AppDefinition app, TaskAddresses task)
    {
        ArgumentNullException.ThrowIfNull(app);
        var ports = TaskPorts.Assign(app, task);
        var address = TaskPorts.EffectiveAddress(app, task);
        var checks = new List<TaskHealthCheck>();
        for (var i = 0; i < app.HealthChecks.Count; i++)
        {
            var check = app.HealthChecks[i];
            if (check.IsSchedulerCheck)
            {
                checks.Add(Resolve(i, check, ports, address));
            }
        }

        return new HealthCheckedTask(taskId, checks);
    }

    /// <summary>Resolves one check against the task's port assignments and its effective address.</summary>
    public static TaskHealthCheck Resolve(int index, HealthCheck check, IReadOnlyList<TaskPortAssignment> ports, string? effectiveAddress)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(ports);
        var interval = TimeSpan.FromSeconds(check.IntervalSeconds);
        string? host;
        int? port;
        if (check.Port is { } fixedPort)
        {
            (host, port) = (effectiveAddress, fixedPort);
        }
        else
        {
            var portIndex = check.PortIndex ?? 0;
            var assignment = portIndex >= 0 && portIndex < ports.Count ? ports[portIndex] : null;
            (host, port) = (assignment?.Host, assignment?.Port);
        }

        if (host is null)
        {
            return new TaskHealthCheck(index, interval, null, port is null ? NoEffectivePort : NoEffectiveAddress);
        }

        if (port is not > 0)
        {
            return new TaskHealthCheck(index, interval, null, NoEffectivePort);
        }

        var target = new HealthProbeTarget(
            check.Protocol,
            host,
            port.Value,
            AbsolutePath(check.Path),
            TimeSpan.FromSeconds(check.TimeoutSeconds),
            check.IgnoreHttp1xx);
        return new TaskHealthCheck(index, interval, target);
    }

    /// <summary>The app's readiness check for one task, or null when the app has none.</summary>
    public static ReadinessTarget? ForReadiness(string taskId, AppDefinition app, TaskAddresses task)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ReadinessChecks.IsEmpty)
        {
            return null;
        }

        var check = app.ReadinessChecks[0];
        var assignment = TaskPorts.Assign(app, task).FirstOrDefault(p => p.Name == check.PortName);
        Uri? url = null;
        string? problem;
        if (assignment is null)
        {
            problem = $"no port definition for port name '{check.PortName}' was found";
        }
        else if (!assignment.IsResolved)
        {
            problem = $"the port named '{check.PortName}' has no reachable address";
        }
        else
        {
            var scheme = string.Equals(check.Protocol, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
            url = HealthProbeTarget.BuildUrl(scheme, assignment.Host!, assignment.Port!.Value, AbsolutePath(check.Path));
            problem = url is null ? $"'{check.Path}' does not make a URL with {assignment.Host}:{assignment.Port}" : null;
        }

        return new ReadinessTarget(
            taskId,
            check.Name,
            url,
            TimeSpan.FromSeconds(check.IntervalSeconds),
            TimeSpan.FromSeconds(check.TimeoutSeconds),
            new HashSet<int>(check.HttpStatusCodesForReady),
            check.PreserveLastResponse,
            problem);
    }

    private static string AbsolutePath(string? path) =>
        string.IsNullOrEmpty(path) ? "/" : path.StartsWith('/') ? path : "/" + path;
}
