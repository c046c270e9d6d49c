using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Regatta.Services.Core;
using Regatta.Services.Deployments;
using Regatta.Services.Hosting;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>Facts about this server that /v2/info, /v2/leader and /metrics show.</summary>
internal sealed record ServerFacts(string Version, string Leader, int HttpPort, string Master, string FrameworkName, string Role, string Hostname, double FailoverTimeoutSeconds, DateTimeOffset StartedAt)
{
    public int LocalPortMin { get; init; } = 10000;

    public int LocalPortMax { get; init; } = 20000;
}

/// <summary>/v2/deployments, /v2/queue, /v2/info, /v2/leader, /ping and /metrics.</summary>
internal static class ServerApi
{
    public static void Map(IEndpointRouteBuilder routes, ServicesActor actor, ServicesApiContext api, Func<ServerFacts> currentFacts, TimeProvider time)
    {
        routes.MapGet("/ping", context =>
        {
            var json = context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
            context.Response.ContentType = json ? "application/json" : "text/plain; charset=utf-8";
            return context.Response.WriteAsync(json ? "\"pong\"" : "pong\n");
        });
        routes.MapGet("/v2/leader", context => HttpReplies.JsonAsync(context, 200, ServicesJson.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("leader", currentFacts().Leader);
            w.WriteEndObject();
        })));
        routes.MapGet("/v2/info", context => InfoAsync(context, actor, currentFacts()));
        routes.MapGet("/metrics", context => MetricsAsync(context, actor, currentFacts(), time));
        routes.MapGet("/v2/deployments", async context =>
        {
            var body = await actor.ReadAsync(core => ServicesJson.Render(w =>
            {
                w.WriteStartArray();
                foreach (var deployment in core.Deployments.Values.OrderBy(d => d.Plan.Version, StringComparer.Ordinal))
                {
                    ServicesJson.WriteDeployment(w, deployment, core, api.ReadinessOf);
                }

                w.WriteEndArray();
            })).ConfigureAwait(false);
            await HttpReplies.JsonAsync(context, 200, body).ConfigureAwait(false);
        });
        routes.MapDelete("/v2/deployments/{id}", async (HttpContext context, string id) =>
        {
            var force = HttpReplies.Flag(context, "force", false);
            var outcome = await HttpReplies.OnLoopAsync(context, actor, (core, now) => core.CancelDeployment(id, force, now)).ConfigureAwait(false);
            if (outcome.Error is { } error)
            {
                await HttpReplies.ErrorAsync(context, error).ConfigureAwait(false);
            }
            else if (outcome.Value is { } rollback)
            {
                await HttpReplies.DeploymentAsync(context, rollback).ConfigureAwait(false);
            }
            else if (force && !context.Response.HasStarted)
            {
                context.Response.StatusCode = 202;
            }
        });
        routes.MapGet("/v2/queue", context => QueueAsync(context, actor));
        routes.MapDelete("/v2/queue/{**path}", async (HttpContext context, string? path) =>
        {
            var id = PathId.Parse("/" + (path ?? "").TrimEnd('/'));
            if (id.Name != "delay" || id.Parent.IsEmpty)
            {
                await HttpReplies.MessageAsync(context, 404, "URI not found").ConfigureAwait(false);
                return;
            }

            var appId = id.Parent;
            var reset = await HttpReplies.OnLoopAsync(context, actor, (core, now) =>
                core.TasksOf(appId).Any(t => t.Condition == TaskCondition.Scheduled) && core.ResetDelay(appId, now)).ConfigureAwait(false);
            if (reset)
            {
                context.Response.StatusCode = 204;
            }
            else if (!context.Response.HasStarted)
            {
                await HttpReplies.MessageAsync(context, 404, $"Application {appId} not found in tasks queue.").ConfigureAwait(false);
            }
        });
        UnmatchedRoutes.Map(routes);
    }

    private static async Task InfoAsync(HttpContext context, ServicesActor actor, ServerFacts facts)
    {
        var frameworkId = await actor.ReadAsync(core => core.FrameworkId).ConfigureAwait(false);
        await HttpReplies.JsonAsync(context, 200, ServicesJson.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("name", "marathon");
            w.WriteString("version", facts.Version);
            w.WriteString("buildref", "regatta");
            w.WriteBoolean("elected", true);
            w.WriteString("leader", facts.Leader);
            if (frameworkId is null)
            {
                w.WriteNull("frameworkId");
            }
            else
            {
                w.WriteString("frameworkId", frameworkId);
            }

            w.WriteStartObject("marathon_config");
            w.WriteString("master", facts.Master);
            w.WriteString("hostname", facts.Hostname);
            w.WriteString("framework_name", facts.FrameworkName);
            w.WriteString("mesos_role", facts.Role);
            w.WriteNumber("failover_timeout", (long)facts.FailoverTimeoutSeconds);
            w.WriteBoolean("checkpoint", true);
            w.WriteBoolean("ha", false);
            w.WriteNumber("local_port_min", facts.LocalPortMin);
            w.WriteNumber("local_port_max", facts.LocalPortMax);
            w.WriteString("executor", "//cmd");
            w.WriteNumber("task_launch_timeout", 300000);
            w.WriteStartArray("features");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartObject("http_config");
            w.WriteNumber("http_port", facts.HttpPort);
            w.WriteEndObject();
            w.WriteNull("event_subscriber");
            w.WriteEndObject();
        })).ConfigureAwait(false);
    }

    private static async Task MetricsAsync(HttpContext context, ServicesActor actor, ServerFacts facts, TimeProvider time)
    {
        var counts = await actor.ReadAsync(core => (
            Apps: core.Apps.Count,
            Running: core.Tasks.Count(t => t.Condition == TaskCondition.Running),
            Staged: core.Tasks.Count(t => t.Condition is TaskCondition.Staging or TaskCondition.Starting),
            Queued: core.Tasks.Count(t => t.Condition == TaskCondition.Scheduled),
            Deployments: core.Deployments.Count)).ConfigureAwait(false);
        await HttpReplies.JsonAsync(context, 200, ServicesJson.Render(w =>
        {
            w.WriteStartObject();
            w.WriteString("version", "4.0.0");
            w.WriteStartObject("gauges");
            Gauge(w, "marathon.apps.active.gauge", counts.Apps);
            Gauge(w, "marathon.deployments.active.gauge", counts.Deployments);
            Gauge(w, "marathon.instances.running.gauge", counts.Running);
            Gauge(w, "marathon.instances.staged.gauge", counts.Staged);
            Gauge(w, "marathon.instances.launch-queue.gauge", counts.Queued);
            Gauge(w, "marathon.uptime.gauge", (long)(time.GetUtcNow() - facts.StartedAt).TotalMilliseconds);
            w.WriteEndObject();
            // The other Dropwizard sections, present (empty) as in Marathon's /metrics.
            foreach (var section in new[] { "counters", "histograms", "meters", "timers" })
            {
                w.WriteStartObject(section);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        })).ConfigureAwait(false);
    }

    private static void Gauge(Utf8JsonWriter w, string name, long value)
    {
        w.WriteStartObject(name);
        w.WriteNumber("value", value);
        w.WriteEndObject();
    }

    private static async Task QueueAsync(HttpContext context, ServicesActor actor)
    {
        var body = await actor.RunAsync((core, now) => ServicesJson.Render(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("queue");
            foreach (var group in core.Tasks.Where(t => t.Condition == TaskCondition.Scheduled).GroupBy(t => t.AppId).OrderBy(g => g.Key))
            {
                if (core.Apps.TryGetValue(group.Key, out var app))
                {
                    ServicesJson.WriteQueueEntry(w, core, app, group.Count(), core.RuntimeOf(group.Key).QueuedSince ?? now, now);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        })).ConfigureAwait(false);
        await HttpReplies.JsonAsync(context, 200, body).ConfigureAwait(false);
    }
}
