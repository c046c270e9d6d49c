using System.Globalization;
using System.Text.Json.Nodes;

namespace Regatta.Agent.Containerizers.Docker;

/// <summary>
/// The mutable pieces of one <c>POST /containers/create</c> body, filled by <see cref="DockerRunSpecBuilder"/> and the
/// docker-run <see cref="DockerParameters"/>, then rendered with <see cref="ToJson"/>.
/// </summary>
internal sealed class DockerCreateRequest
{
    public string Image { get; set; } = "";

    public List<string>? Cmd { get; set; }

    public List<string>? Entrypoint { get; set; }

    public List<string> Env { get; } = [];

    public SortedDictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    public string NetworkMode { get; set; } = "host";

    /// <summary>"80/tcp" → host ports ("" host ip binds every address).</summary>
    public SortedDictionary<string, List<(string HostIp, string HostPort)>> PortBindings { get; } = new(StringComparer.Ordinal);

    public List<string> Binds { get; } = [];

    public bool Privileged { get; set; }

    public long? CpuShares { get; set; }

    public long? Memory { get; set; }

    public long? MemorySwap { get; set; }

    public string? Hostname { get; set; }

    public string? User { get; set; }

    public string? WorkingDir { get; set; }

    public List<string> CapAdd { get; } = [];

    public List<string> CapDrop { get; } = [];

    public List<(string Name, long Soft, long Hard)> Ulimits { get; } = [];

    public void Publish(int containerPort, string protocol, string hostIp, int? hostPort)
    {
        var key = $"{containerPort.ToString(CultureInfo.InvariantCulture)}/{protocol}";
        if (!PortBindings.TryGetValue(key, out var bindings))
        {
            PortBindings[key] = bindings = [];
        }

        bindings.Add((hostIp, hostPort?.ToString(CultureInfo.InvariantCulture) ?? ""));
    }

    public JsonObject ToJson()
    {
        var hostConfig = new JsonObject
        {
            ["NetworkMode"] = NetworkMode,
            ["Privileged"] = Privileged,
            ["Binds"] = new JsonArray([.. Binds.Select(b => (JsonNode)b)]),
        };
        if (PortBindings.Count > 0)
        {
            var ports = new JsonObject();
            foreach (var (key, bindings) in PortBindings)
            {
                ports[key] = new JsonArray([.. bindings.Select(b => (JsonNode)new JsonObject { ["HostIp"] = b.HostIp, ["HostPort"] = b.HostPort })]);
            }

            hostConfig["PortBindings"] = ports;
        }

        SetIf(hostConfig, "CpuShares", CpuShares);
        SetIf(hostConfig, "Memory", Memory);
        SetIf(hostConfig, "MemorySwap", MemorySwap);
        if (CapAdd.Count > 0)
        {
            hostConfig["CapAdd"] = new JsonArray([.. CapAdd.Select(c => (JsonNode)c)]);
        }

        if (CapDrop.Count > 0)
        {
            hostConfig["CapDrop"] = new JsonArray([.. CapDrop.Select(c => (JsonNode)c)]);
        }

        if (Ulimits.Count > 0)
        {
            hostConfig["Ulimits"] = new JsonArray([.. Ulimits.Select(u => (JsonNode)new JsonObject { ["Name"] = u.Name, ["Soft"] = u.Soft, ["Hard"] = u.Hard })]);
        }

        var body = new JsonObject
        {
            ["Image"] = Image,
            ["Env"] = new JsonArray([.. Env.Select(e => (JsonNode)e)]),
            ["Labels"] = new JsonObject([.. Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]),
            ["Tty"] = false,
            ["OpenStdin"] = false,
            ["AttachStdout"] = false,
            ["AttachStderr"] = false,
        };
        if (Cmd is not null)
        {
            body["Cmd"] = new JsonArray([.. Cmd.Select(c => (JsonNode)c)]);
        }

        if (Entrypoint is not null)
        {
            body["Entrypoint"] = new JsonArray([.. Entrypoint.Select(c => (JsonNode)c)]);
        }

        if (PortBindings.Count > 0)
        {
            body["ExposedPorts"] = new JsonObject([.. PortBindings.Keys.Select(k => KeyValuePair.Create(k, (JsonNode?)new JsonObject()))]);
        }

        if (Hostname is not null)
        {
            body["Hostname"] = Hostname;
        }

        if (User is not null)
        {
            body["User"] = User;
        }

        if (WorkingDir is not null)
        {
            body["WorkingDir"] = WorkingDir;
        }

        body["HostConfig"] = hostConfig;
        return body;
    }

    private static void SetIf(JsonObject target, string name, long? value)
    {
        if (value is { } v)
        {
            target[name] = v;
        }
    }
}
