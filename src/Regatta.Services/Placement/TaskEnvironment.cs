using System.Globalization;
using System.Text.RegularExpressions;

namespace Regatta.Services.Placement;

/// <summary>
/// Builds the environment variables Marathon gives every task: ports, HOST, app metadata, labels, MESOS_TASK_ID,
/// then the app's own env. The result keeps insertion order, so golden tests and task infos are stable.
/// </summary>
internal static partial class TaskEnvironment
{
    public const string LabelPrefix = "MARATHON_APP_LABEL_";

    /// <summary>A label is left out when its value is this long or longer.</summary>
    public const int MaxLabelValueLength = 512;

    /// <summary>A label is left out when its key is this long or longer (512 minus the prefix).</summary>
    public const int MaxLabelKeyLength = MaxLabelValueLength - 19;

    public static IReadOnlyDictionary<string, string> Build(TaskEnvironmentInput input)
    {
        var env = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        var prefix = input.EnvVarsPrefix ?? string.Empty;
        AddPorts(env, prefix, input.Ports);
        env[prefix + "HOST"] = input.Hostname;

        env["MARATHON_APP_ID"] = input.AppId;
        env["MARATHON_APP_VERSION"] = input.Version;
        if (input.DockerImage is { Length: > 0 } image)
        {
            env["MARATHON_APP_DOCKER_IMAGE"] = image;
        }

        env["MARATHON_APP_RESOURCE_CPUS"] = JavaDoubleText.Format(input.Cpus);
        env["MARATHON_APP_RESOURCE_MEM"] = JavaDoubleText.Format(input.Mem);
        env["MARATHON_APP_RESOURCE_DISK"] = JavaDoubleText.Format(input.Disk);
        env["MARATHON_APP_RESOURCE_GPUS"] = input.Gpus.ToString(CultureInfo.InvariantCulture);
        if (input.EnforceGroupRole is { } enforce)
        {
            env["MARATHON_APP_ENFORCE_GROUP_ROLE"] = enforce ? "TRUE" : "FALSE";
        }

        AddLabels(env, input.Labels);
        env["MESOS_TASK_ID"] = input.TaskId;

        foreach (var (key, value) in input.UserEnv ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        return env;
    }

    /// <summary>Upper-cases a label key and turns every run of characters outside <c>[a-zA-Z0-9_]</c> into one <c>_</c>.</summary>
    public static string SanitizeLabelKey(string key) => UnsafeRun().Replace(key.ToUpperInvariant(), "_");

    private static void AddPorts(OrderedDictionary<string, string> env, string prefix, IReadOnlyList<TaskPortView> ports)
    {
        var effective = ports.Select(p => p.EffectivePort).Where(p => p is not null).Select(p => p!.Value).ToList();
        if (effective.Count == 0)
        {
            return;
        }

        // Indices follow the app's port list, so a port without a number leaves a gap rather than shifting the rest.
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i].EffectivePort is { } port)
            {
                env[$"{prefix}PORT{i}"] = Text(port);
            }
        }

        env[prefix + "PORT"] = Text(effective[0]);

        // PORTS lists host ports only; a port mapping without one contributes its container port to PORTn alone.
        env[prefix + "PORTS"] = string.Join(",", ports.Select(p => p.HostPort).OfType<int>().Select(Text));
        foreach (var p in ports)
        {
            // A requested port names its variable; a dynamic one (requested 0) is named after the host port it got.
            var key = p.RequestedPort != 0 ? p.RequestedPort : p.HostPort;
            if (key is { } named && named != 0 && p.EffectivePort is { } port)
            {
                env[$"{prefix}PORT_{Text(named)}"] = Text(port);
            }
        }

        foreach (var p in ports)
        {
            if (p.Name is { Length: > 0 } name && p.EffectivePort is { } port)
            {
                env[$"{prefix}PORT_{name.ToUpperInvariant()}"] = Text(port);
            }
        }
    }

    private static void AddLabels(OrderedDictionary<string, string> env, IReadOnlyDictionary<string, string>? labels)
    {
        var kept = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (labels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (key.Length < MaxLabelKeyLength && value.Length < MaxLabelValueLength)
            {
                kept[SanitizeLabelKey(key)] = value;
            }
        }

        env["MARATHON_APP_LABELS"] = string.Join(" ", kept.Keys);
        foreach (var (name, value) in kept)
        {
            env[LabelPrefix + name] = value;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("[^a-zA-Z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeRun();
}
