using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Regatta.Agent.Http;

/// <summary>
/// The agent's HTTP surface in Mesos's shapes: <c>/state</c> (+ <c>/state.json</c>), <c>/flags</c>, <c>/health</c>,
/// <c>/version</c>, <c>/metrics/snapshot</c>, <c>/files/{browse,read,download}</c>. Agent routes are also served under
/// <c>/slave(1)/</c>, where Mesos tools address them.
/// </summary>
internal static class AgentEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, AgentHttpContext agent)
    {
        var files = new SandboxFiles(agent.Paths);
        foreach (var prefix in new[] { "", "/slave(1)" })
        {
            routes.MapGet(prefix + "/state", (HttpContext c) => State(c, agent));
            routes.MapGet(prefix + "/state.json", (HttpContext c) => State(c, agent));
            routes.MapGet(prefix + "/flags", (HttpContext c) => Flags(c, agent));
            routes.MapGet(prefix + "/health", () => Results.Ok());
            routes.MapGet(prefix + "/files/browse", (HttpContext c) => Files(c, files.Browse(c.Request.Query["path"])));
            routes.MapGet(prefix + "/files/browse.json", (HttpContext c) => Files(c, files.Browse(c.Request.Query["path"])));
            routes.MapGet(prefix + "/files/read", (HttpContext c) => Read(c, files));
            routes.MapGet(prefix + "/files/read.json", (HttpContext c) => Read(c, files));
            routes.MapGet(prefix + "/files/download", (HttpContext c) => Download(c, files));
            routes.MapGet(prefix + "/monitor/{name}", (HttpContext c, string name) => MonitorJson.Reply(c, agent, name));
        }

        routes.MapGet("/version", (HttpContext c) => Version(c, agent));
        routes.MapGet("/metrics/snapshot", (HttpContext c) => Metrics(c, agent));
    }

    private static IResult State(HttpContext context, AgentHttpContext agent) =>
        agent.Identity is { } identity && agent.Snapshot is { } snapshot
            ? HttpReplies.Json(context, StateJson.Build(identity, snapshot()))
            : HttpReplies.NotReady();

    private static IResult Flags(HttpContext context, AgentHttpContext agent)
    {
        if (agent.Identity is not { } identity)
        {
            return HttpReplies.NotReady();
        }

        var flags = new JsonObject();
        foreach (var (name, value) in identity.Flags)
        {
            flags[name] = value;
        }

        return HttpReplies.Json(context, new JsonObject { ["flags"] = flags });
    }

    private static IResult Version(HttpContext context, AgentHttpContext agent) =>
        agent.Identity is { } identity
            ? HttpReplies.Json(context, new JsonObject { ["version"] = identity.Version, ["build_user"] = "regatta", ["build_date"] = "", ["build_time"] = 0 })
            : HttpReplies.NotReady();

    private static IResult Metrics(HttpContext context, AgentHttpContext agent) =>
        agent.Identity is { } identity && agent.Snapshot is { } snapshot
            ? HttpReplies.Json(context, MonitorJson.AddMetrics(MetricsJson.Build(identity, snapshot(), agent.Time.GetUtcNow()), agent.Statistics))
            : HttpReplies.NotReady();

    private static IResult Files(HttpContext context, FilesResult result) =>
        result.Body is { } body ? HttpReplies.Json(context, body) : HttpReplies.Error(result.Status, result.Error ?? "error");

    private static IResult Read(HttpContext context, SandboxFiles files)
    {
        var query = context.Request.Query;
        return Files(context, files.Read(query["path"], query["offset"], query["length"]));
    }

    private static IResult Download(HttpContext context, SandboxFiles files)
    {
        var result = files.ResolveFile(context.Request.Query["path"], out var full);
        if (result.Status != 200 || full is null)
        {
            return HttpReplies.Error(result.Status, result.Error ?? "error");
        }

        var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Results.File(stream, "application/octet-stream", Path.GetFileName(full));
    }
}
