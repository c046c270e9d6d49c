using System.Text.Json;

namespace Regatta.Services.Model;

/// <summary>
/// Reads an app body (JSON) into an <see cref="AppSpec"/>, field by field, accepting both the 1.4 and the 1.5+
/// forms. Type errors go to <see cref="TypeErrors"/> (answered as 422 <c>"Invalid JSON"</c>); a few rule
/// violations that are plain from the JSON alone (secret references, non-host volumes) go to
/// <see cref="RuleErrors"/>. Unknown fields are ignored, as Marathon does. Never throws.
/// </summary>
internal sealed partial class AppJsonReader
{
    private const string SecretsUnsupported = "secrets are not supported: Regatta has no secret store";

    private AppJsonReader(AppReadMode mode) => Mode = mode;

    public AppReadMode Mode { get; }

    public ErrorCollector TypeErrors { get; } = new();

    public ErrorCollector RuleErrors { get; } = new();

    /// <summary>Reads one app object; null when it is not an object at all.</summary>
    public static (AppSpec? Spec, AppJsonReader Reader) Read(JsonElement root, AppReadMode mode)
    {
        var reader = new AppJsonReader(mode);
        var fields = JsonInput.Object(root, "", reader.TypeErrors);
        return (fields is null ? null : reader.ReadApp(fields), reader);
    }

    private AppSpec ReadApp(JsonFields o)
    {
        var id = Mode switch
        {
            AppReadMode.Update => o.String("id", minLength: 1, pattern: PathIdRules.MatchesIdText),
            AppReadMode.Replace => null,
            _ => o.RequiredString("id", minLength: 1, pattern: PathIdRules.MatchesIdText),
        };
        if (o.Has("secrets") && o.Raw("secrets") is { ValueKind: JsonValueKind.Object } secrets && secrets.EnumerateObject().Any())
        {
            RuleErrors.Add(o.PathOf("secrets"), SecretsUnsupported);
        }

        return new AppSpec
        {
            Id = id,
            Cmd = o.String("cmd", minLength: 1),
            Args = o.StringArray("args"),
            User = o.String("user"),
            Env = ReadEnv(o),
            Cpus = o.Double("cpus", min: 0.001),
            Mem = o.Double("mem", min: 0),
            Disk = o.Double("disk", min: 0),
            Gpus = o.Int("gpus", min: 0),
            Instances = o.Int("instances", min: 0),
            Executor = o.String("executor", pattern: IsValidExecutor),
            Constraints = o.StringArrays("constraints"),
            Container = o.Object("container") is { } container ? ReadContainer(container) : null,
            PortDefinitions = o.Array("portDefinitions", ReadPortDefinition),
            Ports = o.IntArray("ports", min: 0, max: 65535),
            RequirePorts = o.Bool("requirePorts"),
            Networks = o.Array("networks", ReadNetwork),
            IpAddress = o.Object("ipAddress") is { } ip ? ReadIpAddress(ip) : null,
            Labels = o.StringMap("labels"),
            HealthChecks = o.Array("healthChecks", ReadHealthCheck),
            ReadinessChecks = o.Array("readinessChecks", ReadReadinessCheck),
            Dependencies = o.StringArray("dependencies", pattern: PathIdRules.MatchesIdText),
            UpgradeStrategy = o.Object("upgradeStrategy") is { } upgrade ? ReadUpgradeStrategy(upgrade) : null,
            BackoffSeconds = o.Int("backoffSeconds", min: 0),
            BackoffFactor = o.Double("backoffFactor", min: 1.0),
            MaxLaunchDelaySeconds = o.Int("maxLaunchDelaySeconds", min: 0),
            KillSelection = o.Enum("killSelection", WireNames.ParseKillSelection),
            UnreachableStrategy = ReadUnreachableStrategy(o),
            TaskKillGracePeriodSeconds = o.Int("taskKillGracePeriodSeconds", min: 0),
            AcceptedResourceRoles = o.StringArray("acceptedResourceRoles"),
            Fetch = o.Array("fetch", ReadFetchUri),
            Uris = o.StringArray("uris", itemMinLength: 1, itemMaxLength: 1024),
            Role = o.String("role", minLength: 1),
            DeploymentTimeoutSeconds = o.Int("deploymentTimeoutSeconds", min: 0),
            Version = ReadTimestamp(o, "version"),
            VersionInfo = Mode == AppReadMode.Stored && o.Object("versionInfo") is { } info ? ReadVersionInfo(info) : null,
        };
    }

    /// <summary>Marathon's executor pattern: empty, <c>//cmd</c>, or a slash-separated path without empty parts.</summary>
    private static bool IsValidExecutor(string executor)
    {
        if (executor.Length == 0 || executor == "//cmd")
        {
            return true;
        }

        var body = executor.StartsWith('/') ? executor[1..] : executor;
        return body.Length > 0 && body.Split('/').All(part => part.Length > 0);
    }

    private ValueMap? ReadEnv(JsonFields o)
    {
        if (o.Object("env") is not { } env)
        {
            return null;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var name in env.Names)
        {
            var value = env.Raw(name);
            if (value is { ValueKind: JsonValueKind.String } text)
            {
                pairs.Add(new(name, text.GetString()!));
            }
            else if (value is { ValueKind: JsonValueKind.Object } && JsonInput.Object(value.Value, env.PathOf(name), TypeErrors) is { } secret)
            {
                var source = secret.RequiredString("secret");
                if (source is not null)
                {
                    RuleErrors.Add(o.PathOf("env"), $"secret references are not supported: variable '{name}' refers to secret '{source}' and Regatta has no secret store");
                }
            }
            else
            {
                TypeErrors.Add(env.PathOf(name), "error.expected.jsstring");
            }
        }

        return new ValueMap(pairs);
    }

    private static UpgradeStrategy ReadUpgradeStrategy(JsonFields o) =>
        new(o.Double("minimumHealthCapacity") ?? 1.0, o.Double("maximumOverCapacity") ?? 1.0);

    private UnreachableStrategy? ReadUnreachableStrategy(JsonFields o)
    {
        const string name = "unreachableStrategy";
        switch (o.Raw(name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } text:
                if (text.GetString() == "disabled")
                {
                    return UnreachableStrategy.Disabled;
                }

                TypeErrors.Add(o.PathOf(name), "error.unknown.enum.literal");
                return null;
            case { } value:
                if (JsonInput.Object(value, o.PathOf(name), TypeErrors) is not { } strategy)
                {
                    return null;
                }

                return UnreachableStrategy.Enabled(
                    strategy.Long("inactiveAfterSeconds", min: 0) ?? 0,
                    strategy.Long("expungeAfterSeconds", min: 0) ?? 0);
        }
    }

    private FetchUri? ReadFetchUri(JsonElement element, string path)
    {
        if (JsonInput.Object(element, path, TypeErrors) is not { } o)
        {
            return null;
        }

        var uri = o.RequiredString("uri", minLength: 1, maxLength: 1024);
        var output = o.String("destPath", minLength: 1, maxLength: 1024) ?? o.String("outputFile", minLength: 1, maxLength: 1024);
        return uri is null ? null : new FetchUri(uri)
        {
            Extract = o.Bool("extract") ?? true,
            Executable = o.Bool("executable") ?? false,
            Cache = o.Bool("cache") ?? false,
            OutputFile = output,
        };
    }

    private DateTimeOffset? ReadTimestamp(JsonFields o, string name)
    {
        var text = o.String(name);
        if (text is null)
        {
            return null;
        }

        if (AppTimestamp.TryParse(text, out var time))
        {
            return time;
        }

        TypeErrors.Add(o.PathOf(name), "error.expected.date.isoformat");
        return null;
    }

    private VersionInfo? ReadVersionInfo(JsonFields o)
    {
        var scaling = ReadTimestamp(o, "lastScalingAt");
        var config = ReadTimestamp(o, "lastConfigChangeAt");
        return scaling is { } s && config is { } c ? new VersionInfo(s, c) : null;
    }
}
