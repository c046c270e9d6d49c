using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Regatta.Services.Core;
using Regatta.Services.Hosting;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>
/// <c>PUT /v2/apps</c> and <c>PATCH /v2/apps</c> with an array of apps: one deployment for all of them. PUT creates
/// or updates (<c>partialUpdate=true</c>, the default, patches existing apps; <c>false</c> replaces them whole);
/// PATCH only patches and answers 404 when an id is unknown. An item that is only <c>{"id","version"}</c> rolls that
/// app back. Items apply in order, so an id given twice gets both. Error paths start with the item's index:
/// <c>(1)/cmd</c>.
/// </summary>
internal sealed class AppsBulkApi(ServicesActor actor, ServicesApiContext api)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public Task PutAsync(HttpContext context) => UpdateAsync(context, patch: false);

    public Task PatchAsync(HttpContext context) => UpdateAsync(context, patch: true);

    /// <summary>Reads the array: per item a partial update, or (with <paramref name="partial"/> false) a whole app.</summary>
    internal static (IReadOnlyList<BulkItem>? Items, AppInputError? Error) Parse(ReadOnlyMemory<byte> utf8, bool partial, AppParseOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return (null, AppInputError.Malformed(e.Message));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return (null, AppInputError.InvalidJson([new ValidationError("/", ["error.expected.jsarray"])]));
            }

            var typeErrors = new ErrorCollector();
            var ruleErrors = new ErrorCollector();
            var items = new List<BulkItem>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var prefix = $"({index++})";
                var bytes = Encoding.UTF8.GetBytes(element.GetRawText());
                var error = partial ? ReadUpdate(bytes, prefix, options, typeErrors, items) : ReadWhole(bytes, options, items);
                switch (error?.Kind)
                {
                    case AppInputErrorKind.MalformedJson:
                        return (null, error);
                    case AppInputErrorKind.InvalidJson:
                        GroupJson.AddPrefixed(typeErrors, prefix, error);
                        break;
                    case AppInputErrorKind.NotValid:
                        GroupJson.AddPrefixed(ruleErrors, prefix, error);
                        break;
                }
            }

            if (!typeErrors.IsEmpty)
            {
                return (null, AppInputError.InvalidJson(typeErrors.ToErrors()));
            }

            return ruleErrors.IsEmpty ? (items, null) : (null, AppInputError.NotValid(ruleErrors.ToErrors()));
        }
    }

    private static AppInputError? ReadUpdate(byte[] bytes, string prefix, AppParseOptions options, ErrorCollector typeErrors, List<BulkItem> items)
    {
        var parsed = AppJson.ParseUpdate(bytes, options);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        if (parsed.Update.Spec.Id is not { } id)
        {
            typeErrors.Add(prefix + "/id", "error.path.missing");
            return null;
        }

        items.Add(new BulkItem(PathId.Parse(id).Resolve(PathId.Root), parsed.Update, null));
        return null;
    }

    private static AppInputError? ReadWhole(byte[] bytes, AppParseOptions options, List<BulkItem> items)
    {
        var parsed = AppJson.ParseCreate(bytes, options);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        items.Add(new BulkItem(parsed.App.Id, null, parsed.App));
        return null;
    }

    private async Task UpdateAsync(HttpContext context, bool patch)
    {
        if (await HttpReplies.ReadBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }

        var force = HttpReplies.Flag(context, "force", false);
        var (items, inputError) = Parse(body, patch || HttpReplies.Flag(context, "partialUpdate", true), api.ParseOptions);
        if (inputError is not null)
        {
            await HttpReplies.InputErrorAsync(context, inputError).ConfigureAwait(false);
            return;
        }

        var result = await HttpReplies.OnLoopAsync(context, actor, (core, now) => Apply(core, items!, patch, force, now)).ConfigureAwait(false);
        if (result.Input is { } invalid)
        {
            await HttpReplies.InputErrorAsync(context, invalid).ConfigureAwait(false);
        }
        else
        {
            await HttpReplies.OutcomeAsync(context, result.Outcome).ConfigureAwait(false);
        }
    }

    /// <summary>On the loop: the items applied in order to the current apps, then one deployment of them all.</summary>
    private static (Outcome<DeploymentRef> Outcome, AppInputError? Input) Apply(
        ServicesCore core, IReadOnlyList<BulkItem> items, bool patch, bool force, DateTimeOffset now)
    {
        var changed = new Dictionary<PathId, AppDefinition>();
        var order = new List<PathId>();
        for (var i = 0; i < items.Count; i++)
        {
            var (id, update, whole) = items[i];
            var current = changed.GetValueOrDefault(id) ?? core.Apps.GetValueOrDefault(id);
            if (patch && current is null)
            {
                return (ApiError.NotFound($"App '{id}' does not exist"), null);
            }

            AppDefinition next;
            if (update is { IsRollback: true })
            {
                var version = update.RollbackVersion!.Value;
                if (core.VersionOf(id, version) is not { } earlier)
                {
                    return (ApiError.NotFound($"App '{id}' does not exist in version {AppTimestamp.Format(version)}"), null);
                }

                next = earlier with { Version = null };
            }
            else
            {
                var applied = whole is not null ? AppParseResult.Success(whole) : current is null ? update!.ToNewApp(id) : update!.ApplyTo(current);
                if (!applied.IsSuccess)
                {
                    var errors = new ErrorCollector();
                    GroupJson.AddPrefixed(errors, $"({i})", applied.Error);
                    return (default, applied.Error with { Errors = errors.ToErrors() });
                }

                next = applied.App;
            }

            if (!changed.ContainsKey(id))
            {
                order.Add(id);
            }

            changed[id] = next;
        }

        if (GroupChanges.CheckIdentifiers(core.Apps.Keys.Concat(order).Distinct(), core.Groups.Keys) is { } clash)
        {
            return (clash, null);
        }

        return (core.ChangeGroup(PathId.Root, new GroupChange([.. order.Select(id => changed[id])], [], [], []), force, now), null);
    }
}

/// <summary>One item of a bulk app body: its absolute id and either a partial update or a whole app.</summary>
internal sealed record BulkItem(PathId Id, AppUpdate? Update, AppDefinition? Whole);
