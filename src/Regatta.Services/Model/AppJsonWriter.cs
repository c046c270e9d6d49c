using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Regatta.Services.Model;

/// <summary>
/// Writes an app in the Marathon 1.6+ response shape: never the legacy 1.4 fields, every defaulted field present,
/// empty lists omitted where Marathon omits them, and keys in Marathon's (RAML) order, so the output is the same
/// byte for byte for equal definitions. <see cref="WriteProperties"/> lets the REST layer append AppInfo fields
/// (<c>tasksRunning</c>, <c>deployments</c>, …) to the same object.
/// </summary>
internal static partial class AppJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Commands and labels stay readable: no \u0026 for '&' or \u0027 for a quote.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The writer settings for anything that embeds app JSON (readable escaping, compact).</summary>
    public static JsonWriterOptions WriterOptions => Options;

    public static string ToJson(AppDefinition app) => Encoding.UTF8.GetString(ToUtf8(app));

    public static byte[] ToUtf8(AppDefinition app)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            Write(writer, app);
        }

        return stream.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, AppDefinition app)
    {
        writer.WriteStartObject();
        WriteProperties(writer, app);
        writer.WriteEndObject();
    }

    /// <summary>Writes the app's members into an object the caller has started.</summary>
    public static void WriteProperties(Utf8JsonWriter w, AppDefinition app)
    {
        w.WriteString("id", app.Id.ToString());
        if (app.AcceptedResourceRoles is { IsEmpty: false } roles)
        {
            WriteStrings(w, "acceptedResourceRoles", roles);
        }

        if (!app.Args.IsEmpty)
        {
            WriteStrings(w, "args", app.Args);
        }

        w.WriteNumber("backoffFactor", app.BackoffFactor);
        w.WriteNumber("backoffSeconds", app.BackoffSeconds);
        if (app.Cmd is not null)
        {
            w.WriteString("cmd", app.Cmd);
        }

        if (!app.Constraints.IsEmpty)
        {
            w.WriteStartArray("constraints");
            foreach (var constraint in app.Constraints)
            {
                WriteStrings(w, null, constraint);
            }

            w.WriteEndArray();
        }

        if (app.Container is not null)
        {
            WriteContainer(w, app.Container, app.HasContainerNetworking);
        }

        w.WriteNumber("cpus", app.Cpus);
        if (!app.Dependencies.IsEmpty)
        {
            WriteStrings(w, "dependencies", app.Dependencies.Select(d => d.ToString()));
        }

        w.WriteNumber("disk", app.Disk);
        if (!app.Env.IsEmpty)
        {
            WriteMap(w, "env", app.Env);
        }

        w.WriteString("executor", app.Executor);
        if (!app.Fetch.IsEmpty)
        {
            w.WriteStartArray("fetch");
            foreach (var fetch in app.Fetch)
            {
                WriteFetch(w, fetch);
            }

            w.WriteEndArray();
        }

        if (!app.HealthChecks.IsEmpty)
        {
            w.WriteStartArray("healthChecks");
            foreach (var check in app.HealthChecks)
            {
                WriteHealthCheck(w, check);
            }

            w.WriteEndArray();
        }

        w.WriteNumber("instances", app.Instances);
        WriteMap(w, "labels", app.Labels);
        w.WriteNumber("maxLaunchDelaySeconds", app.MaxLaunchDelaySeconds);
        w.WriteNumber("mem", app.Mem);
        w.WriteNumber("gpus", app.Gpus);
        w.WriteStartArray("networks");
        foreach (var network in app.Networks)
        {
            WriteNetwork(w, network);
        }

        w.WriteEndArray();
        if (!app.HasContainerNetworking)
        {
            w.WriteStartArray("portDefinitions");
            foreach (var port in app.PortDefinitions)
            {
                WritePortDefinition(w, port);
            }

            w.WriteEndArray();
        }

        if (!app.ReadinessChecks.IsEmpty)
        {
            w.WriteStartArray("readinessChecks");
            foreach (var check in app.ReadinessChecks)
            {
                WriteReadinessCheck(w, check);
            }

            w.WriteEndArray();
        }

        w.WriteBoolean("requirePorts", app.RequirePorts);
        if (app.TaskKillGracePeriodSeconds is { } grace)
        {
            w.WriteNumber("taskKillGracePeriodSeconds", grace);
        }

        w.WriteStartObject("upgradeStrategy");
        w.WriteNumber("maximumOverCapacity", app.UpgradeStrategy.MaximumOverCapacity);
        w.WriteNumber("minimumHealthCapacity", app.UpgradeStrategy.MinimumHealthCapacity);
        w.WriteEndObject();
        if (app.User is not null)
        {
            w.WriteString("user", app.User);
        }

        if (app.Version is { } version)
        {
            w.WriteString("version", AppTimestamp.Format(version));
        }

        if (app.VersionInfo is { } info)
        {
            w.WriteStartObject("versionInfo");
            w.WriteString("lastScalingAt", AppTimestamp.Format(info.LastScalingAt));
            w.WriteString("lastConfigChangeAt", AppTimestamp.Format(info.LastConfigChangeAt));
            w.WriteEndObject();
        }

        w.WriteString("killSelection", WireNames.Of(app.KillSelection));
        WriteUnreachableStrategy(w, app.UnreachableStrategy);
        w.WriteString("role", app.Role);
        w.WriteNumber("deploymentTimeoutSeconds", app.DeploymentTimeoutSeconds);
    }

    private static void WriteUnreachableStrategy(Utf8JsonWriter w, UnreachableStrategy strategy)
    {
        if (!strategy.IsEnabled)
        {
            w.WriteString("unreachableStrategy", "disabled");
            return;
        }

        w.WriteStartObject("unreachableStrategy");
        w.WriteNumber("inactiveAfterSeconds", strategy.InactiveAfterSeconds);
        w.WriteNumber("expungeAfterSeconds", strategy.ExpungeAfterSeconds);
        w.WriteEndObject();
    }

    private static void WriteFetch(Utf8JsonWriter w, FetchUri fetch)
    {
        w.WriteStartObject();
        w.WriteString("uri", fetch.Uri);
        w.WriteBoolean("extract", fetch.Extract);
        w.WriteBoolean("executable", fetch.Executable);
        w.WriteBoolean("cache", fetch.Cache);
        if (fetch.OutputFile is not null)
        {
            w.WriteString("destPath", fetch.OutputFile);
        }

        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string? name, IEnumerable<string> values)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, ValueMap map)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }
}
