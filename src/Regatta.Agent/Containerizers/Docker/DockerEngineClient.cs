using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regatta.Agent.Containerizers.Docker;

/// <summary>
/// A small Docker Engine API client (API version 1.41) over a unix socket; works with Docker Engine and with podman's
/// Docker-compatible service. Every failure surfaces as <see cref="DockerEngineException"/> naming the call and carrying
/// the engine's error text. Short calls are bounded by <c>callTimeout</c>; wait, logs and pull run until cancelled.
/// </summary>
internal sealed class DockerEngineClient : IDisposable
{
    private const string Prefix = "/v1.41";
    private readonly HttpClient _http;
    private readonly TimeSpan _callTimeout;

    public DockerEngineClient(string socketPath, TimeSpan? callTimeout = null)
        : this(CreateSocketHandler(socketPath), $"unix://{socketPath}", callTimeout)
    {
    }

    /// <summary>The seam for tests: any handler (a recording fake) stands in for the socket.</summary>
    internal DockerEngineClient(HttpMessageHandler handler, string endpoint, TimeSpan? callTimeout = null)
    {
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker"), Timeout = Timeout.InfiniteTimeSpan };
        Endpoint = endpoint;
        _callTimeout = callTimeout ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>Where the engine is, for messages (<c>unix:///var/run/docker.sock</c>).</summary>
    public string Endpoint { get; }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "/_ping", null, bounded: true, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "ping", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the engine has the image locally; false on 404.</summary>
    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/images/{EscapeImage(image)}/json", null, bounded: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, $"inspect image '{image}'", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Pulls the image (<c>POST /images/create</c>); the engine reports pull errors inside its progress stream.</summary>
    public async Task PullImageAsync(string image, CancellationToken cancellationToken)
    {
        var (repository, tag) = DockerImageName.Split(image);
        var query = $"/images/create?fromImage={Uri.EscapeDataString(repository)}" + (tag is null ? "" : $"&tag={Uri.EscapeDataString(tag)}");
        using var response = await SendAsync(HttpMethod.Post, query, null, bounded: false, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"pull image '{image}'", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryParse(line) is JsonObject progress && (progress["error"] ?? progress["errorDetail"]?["message"]) is JsonNode error)
            {
                throw new DockerEngineException($"pull image '{image}': {error.GetValue<string>()}");
            }
        }
    }

    /// <summary>Creates the container (<c>POST /containers/create?name=</c>) and returns its id.</summary>
    public async Task<string> CreateContainerAsync(string name, JsonObject body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var response = await SendAsync(
            HttpMethod.Post, $"/containers/create?name={Uri.EscapeDataString(name)}", body, bounded: true, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"create container '{name}'", cancellationToken).ConfigureAwait(false);
        var created = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return created?["Id"]?.GetValue<string>() ?? throw new DockerEngineException($"create container '{name}': the engine returned no Id");
    }

    public async Task StartContainerAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/containers/{Uri.EscapeDataString(id)}/start", null, bounded: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotModified)
        {
            await EnsureSuccessAsync(response, $"start container '{id}'", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Blocks until the container stops (<c>POST /containers/{id}/wait</c>) and returns its exit status.</summary>
    public async Task<int> WaitContainerAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/containers/{Uri.EscapeDataString(id)}/wait", null, bounded: false, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"wait for container '{id}'", cancellationToken).ConfigureAwait(false);
        var result = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false);
        return result?["StatusCode"] is JsonNode code
            ? (int)code.GetValue<long>()
            : throw new DockerEngineException($"wait for container '{id}': the engine returned no StatusCode");
    }

    /// <summary><c>GET /containers/{id}/json</c>; null when the container does not exist.</summary>
    public async Task<DockerContainerState?> InspectContainerAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/containers/{Uri.EscapeDataString(id)}/json", null, bounded: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"inspect container '{id}'", cancellationToken).ConfigureAwait(false);
        var json = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false) ?? new JsonObject();
        var state = json["State"] as JsonObject ?? new JsonObject();
        return new DockerContainerState(
            json["Id"]?.GetValue<string>() ?? id,
            (json["Name"]?.GetValue<string>() ?? "").TrimStart('/'),
            state["Running"]?.GetValue<bool>() ?? false,
            (int)(state["Pid"]?.GetValue<long>() ?? 0),
            (int)(state["ExitCode"]?.GetValue<long>() ?? 0),
            state["OOMKilled"]?.GetValue<bool>() ?? false,
            ReadLabels(json["Config"]?["Labels"]));
    }

    /// <summary>
    /// Opens the container's log stream (<c>follow=1</c>: until the container stops). Without a TTY the engine
    /// multiplexes stdout and stderr in frames; read them with <see cref="DockerLogDemultiplexer"/>.
    /// </summary>
    public async Task<Stream> OpenLogsAsync(string id, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var query = $"/containers/{Uri.EscapeDataString(id)}/logs?follow=1&stdout=1&stderr=1";
        if (since is { } s)
        {
            query += "&since=" + s.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        var response = await SendAsync(HttpMethod.Get, query, null, bounded: false, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, $"logs of container '{id}'", cancellationToken).ConfigureAwait(false);
            return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary><c>POST /containers/{id}/stop?t=</c>: SIGTERM, then SIGKILL after the grace period. A container that is
    /// gone or already stopped is fine.</summary>
    public async Task StopContainerAsync(string id, TimeSpan grace, CancellationToken cancellationToken)
    {
        var seconds = (int)Math.Ceiling(Math.Max(0, grace.TotalSeconds));
        using var response = await SendAsync(
            HttpMethod.Post, $"/containers/{Uri.EscapeDataString(id)}/stop?t={seconds}", null, bounded: false, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.NotModified or HttpStatusCode.NotFound))
        {
            await EnsureSuccessAsync(response, $"stop container '{id}'", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task KillContainerAsync(string id, string signal, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            HttpMethod.Post, $"/containers/{Uri.EscapeDataString(id)}/kill?signal={Uri.EscapeDataString(signal)}", null, bounded: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Conflict))
        {
            await EnsureSuccessAsync(response, $"kill container '{id}'", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><c>DELETE /containers/{id}?force=1&amp;v=1</c>; a container already gone is fine.</summary>
    public async Task RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"/containers/{Uri.EscapeDataString(id)}?force=1&v=1", null, bounded: true, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, $"remove container '{id}'", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>All containers (running or not) whose name starts with <paramref name="namePrefix"/>.</summary>
    public async Task<IReadOnlyList<DockerContainerSummary>> ListContainersAsync(string namePrefix, CancellationToken cancellationToken)
    {
        var filters = Uri.EscapeDataString(new JsonObject { ["name"] = new JsonArray(namePrefix) }.ToJsonString());
        using var response = await SendAsync(HttpMethod.Get, $"/containers/json?all=1&filters={filters}", null, bounded: true, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, "list containers", cancellationToken).ConfigureAwait(false);
        var rows = await ReadJsonAsync(response, cancellationToken).ConfigureAwait(false) as JsonArray ?? [];
        var result = new List<DockerContainerSummary>();
        foreach (var row in rows.OfType<JsonObject>())
        {
            // The engine's name filter is a substring match: keep only real prefixes.
            var name = (row["Names"] as JsonArray)?.Select(n => n?.GetValue<string>().TrimStart('/') ?? "")
                .FirstOrDefault(n => n.StartsWith(namePrefix, StringComparison.Ordinal));
            if (name is null)
            {
                continue;
            }

            var running = string.Equals(row["State"]?.GetValue<string>(), "running", StringComparison.OrdinalIgnoreCase);
            result.Add(new DockerContainerSummary(row["Id"]?.GetValue<string>() ?? name, name, running, ReadLabels(row["Labels"])));
        }

        return result;
    }

    public void Dispose() => _http.Dispose();

    private static SocketsHttpHandler CreateSocketHandler(string socketPath) => new()
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body, bool bounded, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Prefix + path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (bounded)
        {
            timeout.CancelAfter(_callTimeout);
        }

        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DockerEngineException($"cannot reach the Docker Engine at {Endpoint}: {e.InnerException?.Message ?? e.Message}", null, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DockerEngineException($"the Docker Engine at {Endpoint} did not answer {method} {path} within {_callTimeout.TotalSeconds:0} s", null, e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = (TryParse(text) as JsonObject)?["message"]?.GetValue<string>() ?? text.Trim();
        throw new DockerEngineException($"{what}: {(int)response.StatusCode} {message}", response.StatusCode);
    }

    private static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return TryParse(text);
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ReadLabels(JsonNode? node)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                labels[key] = value?.GetValue<string>() ?? "";
            }
        }

        return labels;
    }

    /// <summary>Image names keep their slashes in the path (<c>/images/registry:5000/team/app:1/json</c>).</summary>
    private static string EscapeImage(string image) => string.Join('/', image.Split('/').Select(Uri.EscapeDataString))
        .Replace("%3A", ":", StringComparison.Ordinal).Replace("%40", "@", StringComparison.Ordinal);
}
