using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Regatta.Services.Core;
using Regatta.Services.Health;
using Regatta.Services.Hosting;
using Regatta.Services.Launching;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>
/// <c>/v2/apps</c>: list, create, and per app (ids contain slashes, so the suffix decides) GET, PUT, PATCH, DELETE,
/// <c>/restart</c>, <c>/tasks</c>, <c>/tasks/{taskId}</c>, <c>/versions</c>, <c>/versions/{version}</c>.
/// </summary>
internal sealed class AppsApi(ServicesActor actor, ServicesApiContext api)
{
    /// <summary>Distinct listing queries (embed and filters) whose last answer is kept.</summary>
    private const int MaxRenderedListings = 16;
    private readonly AppListingCache _listing = new();
    private readonly ConcurrentDictionary<ListingQuery, RenderedListing> _rendered = new();

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v2/apps", ListAsync);
        routes.MapPost("/v2/apps", CreateAsync);
        var bulk = new AppsBulkApi(actor, api);
        routes.MapPut("/v2/apps", bulk.PutAsync);
        routes.MapPatch("/v2/apps", bulk.PatchAsync);
        routes.MapMethods("/v2/apps/{**path}", ["GET", "PUT", "PATCH", "DELETE", "POST"], DispatchAsync);
    }

    private async Task ListAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var embed = ParseEmbed(query["embed"]);
        var cmd = query["cmd"].ToString();
        var id = query["id"].ToString();
        var selector = LabelSelector.TryParse(query["label"].ToString(), out var parsed, out var selectorError) ? parsed : null;
        if (selectorError is not null)
        {
            await HttpReplies.MessageAsync(context, 422, selectorError).ConfigureAwait(false);
            return;
        }

        // A listing rendered at the loop's current version (and, with tasks embedded, the current health results) is
        // sent again as it is, without a trip through the loop. Otherwise, on the loop, only the AppInfos that changed
        // are rendered (the rest come from the per-app cache); sending runs off it.
        var key = new ListingQuery(embed, cmd, id, query["label"].ToString());
        var withHealth = embed.HasFlag(AppEmbed.Tasks) || embed.HasFlag(AppEmbed.Readiness);
        if (_rendered.TryGetValue(key, out var hit) && hit.Version == actor.Version && (!withHealth || hit.HealthVersion == api.HealthVersion))
        {
            await AppListingCache.WriteArrayAsync(context, "apps", hit.AppInfos).ConfigureAwait(false);
            return;
        }

        var rendered = await actor.ReadAsync(core =>
        {
            var version = actor.Version;
            var healthVersion = withHealth ? api.HealthVersion : 0;
            var deployments = AppListingCache.DeploymentIdsByApp(core);
            var list = new List<byte[]>();
            foreach (var app in _listing.AppsInOrder(core))
            {
                if ((cmd.Length > 0 && !(app.Cmd ?? "").Contains(cmd, StringComparison.OrdinalIgnoreCase))
                    || (id.Length > 0 && !app.Id.ToString().Contains(id, StringComparison.OrdinalIgnoreCase))
                    || (selector is not null && !selector.Matches(app.Labels)))
                {
                    continue;
                }

                var deploymentIds = deployments.Count == 0 ? null : deployments.GetValueOrDefault(app.Id.ToString());
                list.Add(embed.HasFlag(AppEmbed.Readiness)
                    ? ServicesJson.RenderUtf8(w => ServicesJson.WriteAppInfo(w, core, app, embed, api.HealthOf, api.ReadinessOf))
                    : _listing.AppInfo(core, app, embed, deploymentIds ?? [], api.HealthOf));
            }

            _listing.EndListing();
            return new RenderedListing(version, healthVersion, list);
        }).ConfigureAwait(false);
        if (_rendered.Count >= MaxRenderedListings)
        {
            _rendered.Clear();
        }

        _rendered[key] = rendered;
        await AppListingCache.WriteArrayAsync(context, "apps", rendered.AppInfos).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context)
    {
        if (await HttpReplies.ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        var parsed = AppJson.ParseCreate(body, api.ParseOptions);
        if (!parsed.IsSuccess)
        {
            await HttpReplies.InputErrorAsync(context, parsed.Error!).ConfigureAwait(false);
            return;
        }

        var force = HttpReplies.Flag(context, "force", false);
        var app = parsed.App!;
        var result = await HttpReplies.OnLoopAsync(context, actor, (core, now) =>
        {
            var outcome = core.CreateApp(app, force, now);
            return (outcome, body: outcome.IsSuccess ? CreatedBody(core, app.Id, outcome.Value!) : null);
        }).ConfigureAwait(false);
        if (result.body is null)
        {
            if (result.outcome.Error is { } error)
            {
                await HttpReplies.ErrorAsync(context, error).ConfigureAwait(false);
            }

            return;
        }

        api.PostEvent(context, app);
        context.Response.Headers.Location = $"/v2/apps{app.Id}";
        context.Response.Headers[HttpReplies.DeploymentHeader] = result.outcome.Value!.DeploymentId;
        await HttpReplies.JsonAsync(context, 201, result.body).ConfigureAwait(false);
    }

    private async Task DispatchAsync(HttpContext context, string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            // "/v2/apps" itself with a method it does not take (the catch-all also matches the bare path).
            await HttpReplies.MessageAsync(context, 405, "HTTP 405 Method Not Allowed").ConfigureAwait(false);
            return;
        }

        if (context.Request.Method == "GET" && (path == "*" || path.EndsWith("/*", StringComparison.Ordinal)))
        {
            await GroupAppsAsync(context, PathId.Parse("/" + path[..^1].TrimEnd('/'))).ConfigureAwait(false);
            return;
        }

        var route = AppRoute.Parse(path);
        if (route is null)
        {
            await HttpReplies.MessageAsync(context, 404, "URI not found").ConfigureAwait(false);
            return;
        }

        var method = context.Request.Method;
        switch (route.Value.Kind, method)
        {
            case (AppRouteKind.App, "GET"):
                await GetAppAsync(context, route.Value.AppId).ConfigureAwait(false);
                break;
            case (AppRouteKind.App, "PUT" or "PATCH"):
                await UpdateAppAsync(context, route.Value.AppId, method == "PATCH").ConfigureAwait(false);
                break;
            case (AppRouteKind.App, "DELETE"):
                var force = HttpReplies.Flag(context, "force", true);
                await HttpReplies.OutcomeAsync(context, await HttpReplies.OnLoopAsync(context, actor, (core, now) => core.DeleteApp(route.Value.AppId, force, now)).ConfigureAwait(false)).ConfigureAwait(false);
                break;
            case (AppRouteKind.Restart, "POST"):
                var forceRestart = HttpReplies.Flag(context, "force", false);
                await HttpReplies.OutcomeAsync(context, await HttpReplies.OnLoopAsync(context, actor, (core, now) => core.RestartApp(route.Value.AppId, forceRestart, now)).ConfigureAwait(false)).ConfigureAwait(false);
                break;
            case (AppRouteKind.Tasks, "GET"):
                await TasksApi.AppTasksAsync(context, actor, api, route.Value.AppId).ConfigureAwait(false);
                break;
            case (AppRouteKind.Tasks or AppRouteKind.Task, "DELETE"):
                await TasksApi.KillAppTasksAsync(context, actor, route.Value.AppId, route.Value.Detail).ConfigureAwait(false);
                break;
            case (AppRouteKind.Versions, "GET"):
                await VersionsAsync(context, route.Value.AppId, route.Value.Detail).ConfigureAwait(false);
                break;
            default:
                await HttpReplies.MessageAsync(context, 405, $"Method {method} is not allowed on {context.Request.Path}").ConfigureAwait(false);
                break;
        }
    }

    private async Task GetAppAsync(HttpContext context, PathId id)
    {
        var embed = AppEmbed.Tasks | AppEmbed.LastTaskFailure | ParseEmbed(context.Request.Query["embed"]);
        var body = await actor.ReadAsync(core => core.Apps.TryGetValue(id, out var app)
            ? ServicesJson.Render(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("app");
                ServicesJson.WriteAppInfo(w, core, app, embed, api.HealthOf, api.ReadinessOf);
                w.WriteEndObject();
            })
            : null).ConfigureAwait(false);
        if (body is null)
        {
            await HttpReplies.MessageAsync(context, 404, $"App '{id}' does not exist").ConfigureAwait(false);
            return;
        }

        await HttpReplies.JsonAsync(context, 200, body).ConfigureAwait(false);
    }

    /// <summary><c>GET /v2/apps/{group}/*</c>: every app under the group, as <c>{"*": [...]}</c> with tasks embedded.</summary>
    private async Task GroupAppsAsync(HttpContext context, PathId groupId)
    {
        var embed = AppEmbed.Tasks | AppEmbed.LastTaskFailure | ParseEmbed(context.Request.Query["embed"]);
        var body = await actor.ReadAsync(core =>
        {
            var apps = core.Apps.Values.Where(a => a.Id.IsDescendantOf(groupId)).OrderBy(a => a.Id).ToList();
            return !groupId.IsRoot && apps.Count == 0 ? null : ServicesJson.Render(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("*");
                foreach (var app in apps)
                {
                    ServicesJson.WriteAppInfo(w, core, app, embed, api.HealthOf, api.ReadinessOf);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }).ConfigureAwait(false);
        if (body is null)
        {
            await HttpReplies.MessageAsync(context, 404, $"Group '{groupId}' does not exist").ConfigureAwait(false);
            return;
        }

        await HttpReplies.JsonAsync(context, 200, body).ConfigureAwait(false);
    }

    private async Task UpdateAppAsync(HttpContext context, PathId id, bool patch)
    {
        if (await HttpReplies.ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        var force = HttpReplies.Flag(context, "force", false);
        var partial = patch || HttpReplies.Flag(context, "partialUpdate", true);
        var update = partial ? AppJson.ParseUpdate(body, api.ParseOptions) : null;
        var replacement = partial ? null : AppJson.ParseReplace(body, id, api.ParseOptions);
        var inputError = update?.Error ?? replacement?.Error;
        if (inputError is not null)
        {
            await HttpReplies.InputErrorAsync(context, inputError).ConfigureAwait(false);
            return;
        }

        var result = await HttpReplies.OnLoopAsync(context, actor, (core, now) =>
        {
            var exists = core.Apps.TryGetValue(id, out var current);
            if (patch && !exists)
            {
                return (Outcome: (Outcome<DeploymentRef>)ApiError.NotFound($"App '{id}' does not exist"), Created: false, Input: (AppInputError?)null);
            }

            if (update?.Update is { IsRollback: true } rollback)
            {
                return (core.RollbackApp(id, rollback.RollbackVersion!.Value, force, now), false, null);
            }

            var next = replacement ?? (exists ? update!.Update!.ApplyTo(current!) : update!.Update!.ToNewApp(id));
            if (!next.IsSuccess)
            {
                return (default, false, next.Error);
            }

            return (exists ? core.ReplaceApp(next.App!, force, now) : core.CreateApp(next.App!, force, now), !exists, null);
        }).ConfigureAwait(false);
        if (result.Input is { } invalid)
        {
            await HttpReplies.InputErrorAsync(context, invalid).ConfigureAwait(false);
            return;
        }

        if (context.Response.HasStarted)
        {
            // The store refused the change and the 503 has been sent.
            return;
        }

        if (result.Created && result.Outcome.IsSuccess)
        {
            context.Response.Headers.Location = $"/v2/apps{id}";
        }

        await HttpReplies.OutcomeAsync(context, result.Outcome, result.Created ? 201 : 200).ConfigureAwait(false);
    }

    private async Task VersionsAsync(HttpContext context, PathId id, string? version)
    {
        var body = await actor.ReadAsync<(int Status, string Body)>(core =>
        {
            if (!core.Apps.ContainsKey(id))
            {
                return (404, $"App '{id}' does not exist");
            }

            if (version is null)
            {
                return (200, ServicesJson.Render(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("versions");
                    foreach (var v in core.VersionsOf(id))
                    {
                        w.WriteStringValue(AppTimestamp.Format(v));
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }));
            }

            return AppTimestamp.TryParse(version, out var at) && core.VersionOf(id, at) is { } old
                ? (200, AppJson.Write(old))
                : (404, $"App '{id}' does not exist in version {version}");
        }).ConfigureAwait(false);
        if (body.Status == 200)
        {
            await HttpReplies.JsonAsync(context, 200, body.Body).ConfigureAwait(false);
        }
        else
        {
            await HttpReplies.MessageAsync(context, body.Status, body.Body).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Marathon's AppInfo of a new app: no <c>versionInfo</c> (only the version), zero counts, no tasks and the
    /// deployment. Unlike Marathon, service ports show the numbers assigned (Marathon still shows the 0 it was sent).
    /// </summary>
    private static string CreatedBody(ServicesCore core, PathId id, DeploymentRef deployment) => ServicesJson.Render(w =>
    {
        w.WriteStartObject();
        AppJsonWriter.WriteProperties(w, core.Apps[id] with { VersionInfo = null });
        w.WriteNumber("tasksStaged", 0);
        w.WriteNumber("tasksRunning", 0);
        w.WriteNumber("tasksHealthy", 0);
        w.WriteNumber("tasksUnhealthy", 0);
        w.WriteStartArray("deployments");
        w.WriteStartObject();
        w.WriteString("id", deployment.DeploymentId);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartArray("tasks");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary><c>embed=</c> values with or without the <c>app.</c>, <c>apps.</c> or <c>group.apps.</c> prefix.</summary>
    internal static AppEmbed ParseEmbed(IEnumerable<string?> values)
    {
        var embed = AppEmbed.None;
        foreach (var value in values)
        {
            var name = (value ?? "").Split('.')[^1];
            embed |= name switch
            {
                "tasks" => AppEmbed.Tasks,
                "lastTaskFailure" => AppEmbed.LastTaskFailure,
                "failures" => AppEmbed.Tasks | AppEmbed.LastTaskFailure,
                "readiness" => AppEmbed.Readiness,
                _ => AppEmbed.None,
            };
        }

        return embed;
    }
}
