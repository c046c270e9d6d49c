using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Regatta.Services.Core;
using Regatta.Services.Deployments;
using Regatta.Services.Hosting;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Http;

/// <summary><c>/v2/tasks</c> (JSON, and text/plain as the haproxy bridge reads it), <c>POST /v2/tasks/delete</c>, and an app's tasks.</summary>
internal static class TasksApi
{
    public static void Map(IEndpointRouteBuilder routes, ServicesActor actor, ServicesApiContext api)
    {
        routes.MapGet("/v2/tasks", context => ListAsync(context, actor, api));
        routes.MapPost("/v2/tasks/delete", context => DeleteManyAsync(context, actor));
    }

    public static async Task AppTasksAsync(HttpContext context, ServicesActor actor, ServicesApiContext api, PathId appId)
    {
        var plain = WantsPlainText(context);
        var body = await actor.ReadAsync(core => !core.Apps.TryGetValue(appId, out var app) ? null
            : plain ? PlainText(core, [app])
            : ServicesJson.Render(w => ServiceTaskJson.WriteList(w, core.TasksOf(appId).Where(t => t.IsLaunched)
                .Select(t => ServicesJson.ToView(t, app, api.HealthOf(t), withServicePorts: true))))).ConfigureAwait(false);
        if (body is null)
        {
            await HttpReplies.MessageAsync(context, 404, $"App '{appId}' does not exist").ConfigureAwait(false);
            return;
        }

        await ReplyAsync(context, body, plain).ConfigureAwait(false);
    }

    /// <summary>DELETE /v2/apps/{id}/tasks[/{taskId}] with <c>host=</c>, <c>scale=</c>, <c>wipe=</c>, <c>force=</c>.</summary>
    public static async Task KillAppTasksAsync(HttpContext context, ServicesActor actor, PathId appId, string? taskId)
    {
        var scale = HttpReplies.Flag(context, "scale", false);
        var wipe = HttpReplies.Flag(context, "wipe", false);
        var force = HttpReplies.Flag(context, "force", false);
        var host = context.Request.Query["host"].ToString();
        if (scale && wipe)
        {
            await HttpReplies.MessageAsync(context, 400, "You cannot use scale and wipe at the same time.").ConfigureAwait(false);
            return;
        }

        var result = await HttpReplies.OnLoopAsync<(Outcome<KillResult> Outcome, string? Body)>(context, actor, (core, now) =>
        {
            if (!core.Apps.TryGetValue(appId, out var app))
            {
                return (ApiError.NotFound($"App '{appId}' does not exist"), null);
            }

            var ids = core.TasksOf(appId)
                .Where(t => t.IsLaunched && (taskId is null || t.Id == taskId) && (host.Length == 0 || host == "*" || t.Host == host))
                .Select(t => t.Id).ToList();
            if (taskId is not null && ids.Count == 0)
            {
                return (ApiError.NotFound($"Task '{taskId}' does not exist"), null);
            }

            var views = ids.Select(id => core.TryGetTask(id, out var t) ? ServicesJson.ToView(t, app, [], withServicePorts: false) : null).OfType<ServiceTaskView>().ToList();
            var outcome = core.KillTasks(ids, scale, wipe, force, now);
            var body = outcome.IsSuccess && outcome.Value!.Deployment is null ? KilledBody(views, taskId is not null) : null;
            return (outcome, body);
        }).ConfigureAwait(false);
        await KillReplyAsync(context, result.Outcome, result.Body).ConfigureAwait(false);
    }

    private static async Task ListAsync(HttpContext context, ServicesActor actor, ServicesApiContext api)
    {
        var statuses = context.Request.Query["status"].Concat(context.Request.Query["status[]"]).Select(s => (s ?? "").ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var plain = WantsPlainText(context);
        var body = await actor.ReadAsync(core =>
        {
            if (plain)
            {
                return PlainText(core, core.Apps.Values);
            }

            var tasks = core.Tasks.Where(t => t.IsLaunched && Selected(t, statuses)).OrderBy(t => t.AppId).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
            return ServicesJson.Render(w => ServiceTaskJson.WriteList(
                w, tasks.Select(t => ServicesJson.ToView(t, core.Apps.GetValueOrDefault(t.AppId), api.HealthOf(t), withServicePorts: true))));
        }).ConfigureAwait(false);
        await ReplyAsync(context, body, plain).ConfigureAwait(false);
    }

    private static bool WantsPlainText(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("text/plain", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);

    private static async Task ReplyAsync(HttpContext context, string body, bool plain)
    {
        if (plain)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(body, Encoding.UTF8).ConfigureAwait(false);
            return;
        }

        await HttpReplies.JsonAsync(context, 200, body).ConfigureAwait(false);
    }

    private static async Task DeleteManyAsync(HttpContext context, ServicesActor actor)
    {
        if (await HttpReplies.ReadBodyAsync(context).ConfigureAwait(false) is not { } bytes)
        {
            return;
        }

        List<string> ids;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            ids = [.. document.RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetString() ?? "")];
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            await HttpReplies.MessageAsync(context, 400, "Invalid JSON: expected {\"ids\": [\"<task id>\", ...]}").ConfigureAwait(false);
            return;
        }

        if (ids.FirstOrDefault(id => !TaskIds.TryParseAppId(id, out _)) is { } bad)
        {
            await HttpReplies.MessageAsync(context, 400, $"Invalid task id '{bad}'. [Task id must be of the form <app id>.<uuid>]").ConfigureAwait(false);
            return;
        }

        var scale = HttpReplies.Flag(context, "scale", false);
        var wipe = HttpReplies.Flag(context, "wipe", false);
        var force = HttpReplies.Flag(context, "force", false);
        if (scale && wipe)
        {
            await HttpReplies.MessageAsync(context, 400, "You cannot use scale and wipe at the same time.").ConfigureAwait(false);
            return;
        }

        var result = await HttpReplies.OnLoopAsync(context, actor, (core, now) =>
        {
            var views = ids.Select(id => core.TryGetTask(id, out var t) && t.IsLaunched
                ? ServicesJson.ToView(t, core.Apps.GetValueOrDefault(t.AppId), [], withServicePorts: false) : null).OfType<ServiceTaskView>().ToList();
            var outcome = core.KillTasks(ids, scale, wipe, force, now);
            return (Outcome: outcome, Body: outcome.IsSuccess && outcome.Value!.Deployment is null ? KilledBody(views, single: false) : null);
        }).ConfigureAwait(false);
        await KillReplyAsync(context, result.Outcome, result.Body).ConfigureAwait(false);
    }

    private static async Task KillReplyAsync(HttpContext context, Outcome<KillResult> outcome, string? body)
    {
        if (outcome.Error is { } error)
        {
            await HttpReplies.ErrorAsync(context, error).ConfigureAwait(false);
        }
        else if (outcome.Value?.Deployment is { } deployment)
        {
            await HttpReplies.DeploymentAsync(context, deployment).ConfigureAwait(false);
        }
        else if (body is not null)
        {
            await HttpReplies.JsonAsync(context, 200, body).ConfigureAwait(false);
        }
    }

    private static string KilledBody(IReadOnlyList<ServiceTaskView> tasks, bool single) => ServicesJson.Render(w =>
    {
        if (single && tasks.Count == 1)
        {
            w.WriteStartObject();
            w.WritePropertyName("task");
            ServiceTaskJson.Write(w, tasks[0]);
            w.WriteEndObject();
        }
        else
        {
            ServiceTaskJson.WriteList(w, tasks);
        }
    });

    private static bool Selected(ServiceTask task, HashSet<string> statuses) =>
        statuses.Count == 0
        || (statuses.Contains("RUNNING") && task.Condition == TaskCondition.Running)
        || (statuses.Contains("STAGING") && task.Condition is TaskCondition.Staging or TaskCondition.Starting);

    /// <summary>
    /// Marathon's text/plain endpoint list (the old haproxy bridge feed), for every app given, in id order: per
    /// service port <c>appId\tservicePort\thost:port\t…</c> over the running tasks; an app without service ports
    /// gets one line <c>appId\t \thost\t…</c>. The app id is in safe form (<c>/a/b</c> → <c>a_b</c>), addresses are
    /// sorted, and apps with nothing running still get their lines.
    /// </summary>
    private static string PlainText(ServicesCore core, IEnumerable<AppDefinition> apps)
    {
        var text = new StringBuilder();
        foreach (var app in apps.OrderBy(a => a.Id))
        {
            var running = core.TasksOf(app.Id).Where(t => t.Condition == TaskCondition.Running).ToList();
            var servicePorts = ServicesCore.ServicePortsOf(app);
            if (servicePorts.Count == 0)
            {
                text.Append(app.Id.SafeName).Append("\t \t");
                foreach (var host in running.Select(t => t.Host ?? "").Order(StringComparer.Ordinal))
                {
                    text.Append(host).Append('\t');
                }

                text.Append('\n');
                continue;
            }

            for (var i = 0; i < servicePorts.Count; i++)
            {
                text.Append(app.Id.SafeName).Append('\t').Append(servicePorts[i]).Append('\t');
                var index = i;
                var addresses = running
                    .Where(t => index < t.HostPorts.Count && t.HostPorts[index] is not null)
                    .Select(t => $"{t.Host}:{t.HostPorts[index]}")
                    .Order(StringComparer.Ordinal);
                foreach (var address in addresses)
                {
                    text.Append(address).Append('\t');
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
