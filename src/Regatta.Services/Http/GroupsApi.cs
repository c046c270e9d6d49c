using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Regatta.Services.Core;
using Regatta.Services.Deployments;
using Regatta.Services.Events;
using Regatta.Services.Hosting;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>
/// <c>/v2/groups</c>: GET a group (<c>embed=</c>), its apps (<c>…/apps</c>), its versions (<c>…/versions</c>) and
/// the group as of one (<c>…/versions/{version}</c>); POST creates a tree, PUT updates one (or rolls it back, scales
/// it, or with <c>dryRun=true</c> only plans), DELETE removes one, PATCH accepts <c>enforceRole: false</c> only.
/// Groups are the tree of app ids plus the <see cref="GroupRecord"/>s the core keeps; every change is one deployment
/// of the apps it touches.
/// </summary>
internal sealed class GroupsApi(ServicesActor actor, ServicesApiContext api)
{
    public void Map(IEndpointRouteBuilder routes)
    {
        // The root has no PATCH (only top-level groups do); other methods fall through to the JSON 405.
        routes.MapMethods("/v2/groups", ["GET", "POST", "PUT", "DELETE"], context => DispatchAsync(context, ""));
        routes.MapMethods("/v2/groups/{**path}", ["GET", "POST", "PUT", "PATCH", "DELETE"], (HttpContext context, string? path) =>
            DispatchAsync(context, path ?? ""));
    }

    private Task DispatchAsync(HttpContext context, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var id = PathId.FromSegments(segments);
        return context.Request.Method switch
        {
            "GET" => segments switch
            {
                [.. var group, "apps"] => AppsAsync(context, PathId.FromSegments(group)),
                [.. var group, "versions"] => VersionsAsync(context, PathId.FromSegments(group)),
                [.. var group, "versions", var version] => GroupAtAsync(context, PathId.FromSegments(group), version),
                _ => GroupAsync(context, id),
            },
            "DELETE" => DeleteAsync(context, id),
            "PATCH" => PatchAsync(context, id),
            _ => ChangeAsync(context, id, create: context.Request.Method == "POST"),
        };
    }

    private async Task GroupAsync(HttpContext context, PathId id)
    {
        var embed = GroupInfoJson.ParseEmbed(context.Request.Query["embed"]);
        var body = await actor.ReadAsync(core => TreeOf(core).Find(id) is { } group
            ? ServicesJson.Render(w => GroupInfoJson.Write(w, group, embed, (x, app) => GroupInfoJson.WriteAppInfo(x, core, app, embed, api.HealthOf)))
            : null).ConfigureAwait(false);
        await AnswerAsync(context, id, body).ConfigureAwait(false);
    }

    /// <summary>Every app below the group, as a JSON array; an unknown group has none.</summary>
    private async Task AppsAsync(HttpContext context, PathId id)
    {
        var embed = GroupInfoJson.ParseEmbed(context.Request.Query["embed"]);
        var body = await actor.ReadAsync(core => ServicesJson.Render(w =>
        {
            w.WriteStartArray();
            foreach (var app in TreeOf(core).Find(id)?.TransitiveApps() ?? [])
            {
                GroupInfoJson.WriteAppInfo(w, core, app, embed, api.HealthOf);
            }

            w.WriteEndArray();
        })).ConfigureAwait(false);
        await HttpReplies.JsonAsync(context, 200, body).ConfigureAwait(false);
    }

    private async Task VersionsAsync(HttpContext context, PathId id)
    {
        var body = await actor.ReadAsync(core => TreeOf(core).Find(id) is { } group
            ? ServicesJson.Render(w =>
            {
                w.WriteStartArray();
                foreach (var version in group.Versions(core.VersionsOf))
                {
                    w.WriteStringValue(AppTimestamp.Format(version));
                }

                w.WriteEndArray();
            })
            : null).ConfigureAwait(false);
        await AnswerAsync(context, id, body).ConfigureAwait(false);
    }

    /// <summary>The group as of one of its versions: its apps as they were then (without task counts).</summary>
    private async Task GroupAtAsync(HttpContext context, PathId id, string versionText)
    {
        var embed = GroupInfoJson.ParseEmbed(context.Request.Query["embed"]);
        var body = await actor.ReadAsync(core =>
        {
            if (!AppTimestamp.TryParse(versionText, out var version) || TreeOf(core).Find(id) is not { } group
                || !group.Versions(core.VersionsOf).Contains(version))
            {
                return null;
            }

            var then = GroupChanges.AppsAt(group, version, core.VersionsOf, core.VersionOf);
            var records = core.Groups.Values.Where(r => r.Id == id || r.Id.IsDescendantOf(id));
            return GroupTree.Build(then, records).Find(id) is { } old
                ? ServicesJson.Render(w => GroupInfoJson.Write(w, old, embed, AppJsonWriter.Write))
                : null;
        }).ConfigureAwait(false);
        await AnswerAsync(context, id, body).ConfigureAwait(false);
    }

    /// <summary>POST (create; 409 when the group or an app at its path exists) and PUT (update, rollback, scale, dry run).</summary>
    private async Task ChangeAsync(HttpContext context, PathId urlId, bool create)
    {
        if (!await ValidUrlIdAsync(context, urlId).ConfigureAwait(false)
            || await HttpReplies.ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        var parsed = GroupJson.Parse(body, urlId, api.ParseOptions);
        if (!parsed.IsSuccess)
        {
            await HttpReplies.InputErrorAsync(context, parsed.Error!).ConfigureAwait(false);
            return;
        }

        var spec = parsed.Group!;
        var force = HttpReplies.Flag(context, "force", false);
        var dryRun = !create && HttpReplies.Flag(context, "dryRun", false);
        var result = await HttpReplies.OnLoopAsync(context, actor, (core, now) =>
        {
            if (create && core.Apps.ContainsKey(spec.Id))
            {
                return new Result(ApiError.Conflict($"An app with the path {spec.Id} already exists."));
            }

            if (create && core.GroupExists(spec.Id))
            {
                return new Result(ApiError.Conflict($"Group {spec.Id} is already created. Use PUT to change this group."));
            }

            var change = ChangeOf(core, spec);
            if (!change.IsSuccess)
            {
                return new Result(change.Error!);
            }

            if (dryRun)
            {
                var plan = core.PlanGroupChange(change.Value!, now);
                return plan.IsSuccess ? new Result(null) { DryRun = StepsJson(plan.Value!) } : new Result(plan.Error!);
            }

            var outcome = core.ChangeGroup(spec.Id, change.Value!, force, now);
            return outcome.IsSuccess ? new Result(null) { Deployment = outcome.Value } : new Result(outcome.Error!);
        }).ConfigureAwait(false);
        if (result is null)
        {
            return;
        }

        if (result.Error is { } error)
        {
            await HttpReplies.ErrorAsync(context, error).ConfigureAwait(false);
        }
        else if (result.DryRun is { } steps)
        {
            await HttpReplies.JsonAsync(context, 200, steps).ConfigureAwait(false);
        }
        else
        {
            if (create)
            {
                context.Response.Headers.Location = $"/v2/groups{spec.Id}";
            }

            await HttpReplies.DeploymentAsync(context, result.Deployment!, create ? 201 : 200).ConfigureAwait(false);
        }
    }

    private async Task DeleteAsync(HttpContext context, PathId id)
    {
        if (!await ValidUrlIdAsync(context, id).ConfigureAwait(false))
        {
            return;
        }

        var force = HttpReplies.Flag(context, "force", false);
        var outcome = await HttpReplies.OnLoopAsync(context, actor, (core, now) => core.GroupExists(id)
            ? core.ChangeGroup(id, GroupChanges.Delete(core.Apps, core.Groups, id), force, now)
            : ApiError.NotFound($"Group '{id}' does not exist")).ConfigureAwait(false);
        await HttpReplies.OutcomeAsync(context, outcome).ConfigureAwait(false);
    }

    /// <summary>
    /// PATCH of a top-level group changes only <c>enforceRole</c> (Marathon 1.9+). Roles are never enforced per group
    /// here, so <c>false</c> (or nothing) is accepted as it is and <c>true</c> is refused.
    /// </summary>
    private async Task PatchAsync(HttpContext context, PathId id)
    {
        if (await HttpReplies.ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        var parsed = GroupJson.ParsePatch(body);
        if (parsed is not null)
        {
            await HttpReplies.InputErrorAsync(context, parsed).ConfigureAwait(false);
            return;
        }

        if (id.Segments.Length != 1)
        {
            await HttpReplies.InputErrorAsync(context, AppInputError.NotValid("/", "Path needs to be top-level")).ConfigureAwait(false);
            return;
        }

        if (!await actor.ReadAsync(core => core.GroupExists(id)).ConfigureAwait(false))
        {
            await HttpReplies.MessageAsync(context, 404, $"Group '{id}' does not exist").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
    }

    /// <summary>Version wins over scale, scale over a structural update; the first two need an existing group.</summary>
    private static Outcome<GroupChange> ChangeOf(ServicesCore core, GroupSpec spec)
    {
        if (spec.Version is null && spec.ScaleBy is null)
        {
            return GroupChanges.Update(core.Apps, core.Groups, spec);
        }

        if (TreeOf(core).Find(spec.Id) is not { } group)
        {
            return ApiError.NotFound($"Group '{spec.Id}' does not exist");
        }

        return spec.Version is { } version
            ? GroupChanges.Rollback(core.Apps, group, version, core.VersionsOf, core.VersionOf)
            : GroupChanges.Scale(core.Apps, spec.Id, spec.ScaleBy!.Value);
    }

    private static GroupTree TreeOf(ServicesCore core) => GroupTree.Build(core.Apps.Values, core.Groups.Values);

    private static string StepsJson(DeploymentPlan plan) => ServicesJson.Render(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("steps");
        foreach (var step in plan.Steps)
        {
            EventPlan.WriteStep(w, step);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>A group id in a changing request's URL must follow the naming rules (422 otherwise).</summary>
    private static async Task<bool> ValidUrlIdAsync(HttpContext context, PathId id)
    {
        var errors = PathIdRules.Check(id);
        if (errors.Count == 0)
        {
            return true;
        }

        await HttpReplies.InputErrorAsync(context, AppInputError.NotValid([new ValidationError("/", [.. errors])])).ConfigureAwait(false);
        return false;
    }

    private static Task AnswerAsync(HttpContext context, PathId id, string? body) => body is null
        ? HttpReplies.MessageAsync(context, 404, $"Group '{id}' does not exist")
        : HttpReplies.JsonAsync(context, 200, body);

    /// <summary>What a change answered on the loop: an error, a dry run's steps, or the deployment.</summary>
    private sealed record Result(ApiError? Error)
    {
        public string? DryRun { get; init; }

        public DeploymentRef? Deployment { get; init; }
    }
}
