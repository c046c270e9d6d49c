using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Regatta.Agent.Tests.Docker;

/// <summary>
/// A recording, in-memory Docker Engine API (the subset the containerizer uses) behind an HttpMessageHandler: images,
/// containers with names and labels, a wait that completes when the test calls <see cref="Exit"/> (or on stop/kill),
/// and multiplexed log frames.
/// </summary>
internal sealed class FakeDockerEngine : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, FakeContainer> _containers = new(StringComparer.Ordinal);
    private int _next;

    public ConcurrentQueue<(string Method, string Path, string Body)> Requests { get; } = new();

    public HashSet<string> Images { get; } = new(StringComparer.Ordinal);

    /// <summary>The lines of <c>POST /images/create</c>'s progress stream.</summary>
    public string PullStream { get; set; } = "{\"status\":\"Pulling\"}\n{\"error\":\"no route to registry\"}\n";

    /// <summary>Bytes served by <c>GET /containers/{id}/logs</c>.</summary>
    public byte[] LogFrames { get; set; } = [];

    public IReadOnlyCollection<FakeContainer> Containers => [.. _containers.Values];

    public FakeContainer AddContainer(string name, bool running, IDictionary<string, string>? labels = null)
    {
        var container = new FakeContainer($"id{Interlocked.Increment(ref _next)}", name) { Running = running };
        foreach (var (k, v) in labels ?? new Dictionary<string, string>())
        {
            container.Labels[k] = v;
        }

        if (!running)
        {
            container.Exited.TrySetResult(0);
        }

        _containers[container.Id] = container;
        return container;
    }

    public void Exit(string name, int code, bool oom = false)
    {
        var container = Find(name) ?? throw new InvalidOperationException($"no container {name}");
        container.OomKilled = oom;
        container.Running = false;
        container.ExitCode = code;
        container.Exited.TrySetResult(code);
    }

    public IEnumerable<string> Paths(string method) => Requests.Where(r => r.Method == method).Select(r => r.Path);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.PathAndQuery;
        Requests.Enqueue((request.Method.Method, path, body));
        var route = Uri.UnescapeDataString(request.RequestUri.AbsolutePath);
        if (!route.StartsWith("/v1.41/", StringComparison.Ordinal))
        {
            return Reply(HttpStatusCode.NotFound, "{\"message\":\"no version prefix\"}");
        }

        route = route["/v1.41".Length..];
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        var method = request.Method.Method;
        if (route == "/_ping")
        {
            return Reply(HttpStatusCode.OK, "OK");
        }

        if (route.StartsWith("/images/", StringComparison.Ordinal) && route.EndsWith("/json", StringComparison.Ordinal))
        {
            var image = route["/images/".Length..^"/json".Length];
            return Images.Contains(image) ? Reply(HttpStatusCode.OK, "{\"Id\":\"sha256:1\"}") : Reply(HttpStatusCode.NotFound, $"{{\"message\":\"No such image: {image}\"}}");
        }

        if (route == "/images/create")
        {
            return Reply(HttpStatusCode.OK, PullStream);
        }

        if (route == "/containers/create")
        {
            var name = query["name"]!;
            if (Find(name) is not null)
            {
                return Reply(HttpStatusCode.Conflict, "{\"message\":\"name in use\"}");
            }

            var json = JsonNode.Parse(body)!;
            if (!Images.Contains(json["Image"]!.GetValue<string>()))
            {
                return Reply(HttpStatusCode.NotFound, "{\"message\":\"No such image\"}");
            }

            var labels = json["Labels"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
            var created = AddContainer(name, running: false, labels);
            created.Exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            created.CreateBody = json;
            return Reply(HttpStatusCode.Created, $"{{\"Id\":\"{created.Id}\",\"Warnings\":[]}}");
        }

        if (route == "/containers/json")
        {
            var rows = new JsonArray();
            foreach (var c in _containers.Values)
            {
                rows.Add(new JsonObject
                {
                    ["Id"] = c.Id,
                    ["Names"] = new JsonArray("/" + c.Name),
                    ["State"] = c.Running ? "running" : "exited",
                    ["Labels"] = new JsonObject([.. c.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]),
                });
            }

            return Reply(HttpStatusCode.OK, rows.ToJsonString());
        }

        var parts = route.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[0] != "containers")
        {
            return Reply(HttpStatusCode.NotFound, "{\"message\":\"unknown route\"}");
        }

        var target = Find(parts[1]);
        if (target is null)
        {
            return Reply(HttpStatusCode.NotFound, $"{{\"message\":\"No such container: {parts[1]}\"}}");
        }

        switch (method, parts.Length > 2 ? parts[2] : "")
        {
            case ("DELETE", ""):
                _containers.TryRemove(target.Id, out _);
                target.Exited.TrySetResult(137);
                return Reply(HttpStatusCode.NoContent, "");
            case ("GET", "json"):
                return Reply(HttpStatusCode.OK, new JsonObject
                {
                    ["Id"] = target.Id,
                    ["Name"] = "/" + target.Name,
                    ["State"] = new JsonObject { ["Running"] = target.Running, ["Pid"] = target.Running ? 4242 : 0, ["ExitCode"] = target.ExitCode, ["OOMKilled"] = target.OomKilled },
                    ["Config"] = new JsonObject { ["Labels"] = new JsonObject([.. target.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]) },
                }.ToJsonString());
            case ("POST", "start"):
                target.Running = true;
                return Reply(HttpStatusCode.NoContent, "");
            case ("POST", "wait"):
                var code = await target.Exited.Task.WaitAsync(cancellationToken);
                return Reply(HttpStatusCode.OK, $"{{\"StatusCode\":{code}}}");
            case ("POST", "stop"):
                Exit(target.Name, 143);
                return Reply(HttpStatusCode.NoContent, "");
            case ("POST", "kill"):
                Exit(target.Name, 137);
                return Reply(HttpStatusCode.NoContent, "");
            case ("GET", "logs"):
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(LogFrames) };
            default:
                return Reply(HttpStatusCode.NotFound, "{\"message\":\"unknown route\"}");
        }
    }

    private FakeContainer? Find(string idOrName) =>
        _containers.TryGetValue(idOrName, out var byId) ? byId : _containers.Values.FirstOrDefault(c => c.Name == idOrName);

    private static HttpResponseMessage Reply(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    internal sealed class FakeContainer(string id, string name)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public bool Running { get; set; }

        public int ExitCode { get; set; }

        public bool OomKilled { get; set; }

        public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

        public JsonNode? CreateBody { get; set; }

        public TaskCompletionSource<int> Exited { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
