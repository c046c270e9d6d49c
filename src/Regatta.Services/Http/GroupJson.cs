using System.Text;
using System.Text.Json;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>
/// Reads a group body (<c>{"id","apps":[…],"groups":[…],"dependencies":[…]}</c>, or <c>{"version"}</c>,
/// <c>{"scaleBy"}</c>) into a <see cref="GroupSpec"/>. Ids resolve against the enclosing group, so apps and groups
/// may be given relative; each must land directly inside the group that lists it. Apps go through the app pipeline
/// (<see cref="AppJson.ParseCreate(ReadOnlyMemory{byte}, AppParseOptions?)"/>), their error paths prefixed with
/// where they sit (<c>/groups(0)/apps(1)/cmd</c>). Type errors anywhere answer 422 <c>"Invalid JSON"</c>; only
/// without them do rule violations answer 422 <c>"Object is not valid"</c>. Never throws.
/// </summary>
internal static class GroupJson
{
    public const string OnlyProperty = "not allowed in conjunction with other properties.";
    public const string SameIdentifier = "Groups and Applications may not have the same identifier.";
    public const string EnforceRoleUnsupported = "enforceRole is not supported: apps run under the role they name or --mesos_role";
    public const string PodsUnsupported = "pods are not supported";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The fields of a group body; <c>version</c> and <c>scaleBy</c> must be the only one given.</summary>
    private static readonly string[] Fields = ["id", "apps", "groups", "dependencies", "version", "scaleBy", "enforceRole", "pods"];

    /// <summary>Marathon's complaint about an app or group listed in a group it does not sit directly in.</summary>
    public static string NotChild(PathId id, PathId group) => $"identifier {id} is not child of {group}. Hint: use relative paths.";

    /// <param name="basePath">The group the URL names; the body's <c>id</c>, if any, resolves against it.</param>
    public static GroupParseResult Parse(ReadOnlyMemory<byte> utf8, PathId basePath, AppParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return new GroupParseResult(null, AppInputError.Malformed(e.Message));
        }

        using (document)
        {
            var reader = new Reader(options);
            GroupSpec? group;
            try
            {
                var fields = JsonInput.Object(document.RootElement, "", reader.TypeErrors);
                group = fields is null ? null : reader.ReadGroup(fields, basePath.Resolve(PathId.Root), nested: false);
            }
            catch (InvalidOperationException e)
            {
                // Escaped text that is not valid UTF-16 (a lone surrogate) cannot become a string.
                return new GroupParseResult(null, AppInputError.Malformed(e.Message));
            }

            if (reader.Malformed is { } malformed)
            {
                return new GroupParseResult(null, malformed);
            }

            if (!reader.TypeErrors.IsEmpty || group is null)
            {
                return new GroupParseResult(null, AppInputError.InvalidJson(reader.TypeErrors.ToErrors()));
            }

            return reader.RuleErrors.IsEmpty
                ? new GroupParseResult(group, null)
                : new GroupParseResult(null, AppInputError.NotValid(reader.RuleErrors.ToErrors()));
        }
    }

    /// <summary>A PATCH body (<c>{"enforceRole": …}</c>): null when acceptable, else the error to answer.</summary>
    public static AppInputError? ParsePatch(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8, DocumentOptions);
            var typeErrors = new ErrorCollector();
            var enforceRole = JsonInput.Object(document.RootElement, "", typeErrors)?.Bool("enforceRole");
            if (!typeErrors.IsEmpty)
            {
                return AppInputError.InvalidJson(typeErrors.ToErrors());
            }

            return enforceRole == true ? AppInputError.NotValid("/enforceRole", EnforceRoleUnsupported) : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return AppInputError.Malformed(e.Message);
        }
    }

    /// <summary>Adds an app's errors under <paramref name="prefix"/> (<c>/</c>, the app itself, becomes the prefix).</summary>
    internal static void AddPrefixed(ErrorCollector errors, string prefix, AppInputError error)
    {
        foreach (var entry in error.Errors)
        {
            foreach (var message in entry.Errors)
            {
                errors.Add(entry.Path == "/" ? prefix : prefix + entry.Path, message);
            }
        }
    }

    private sealed class Reader(AppParseOptions options)
    {
        public ErrorCollector TypeErrors { get; } = new();

        public ErrorCollector RuleErrors { get; } = new();

        public AppInputError? Malformed { get; private set; }

        public GroupSpec ReadGroup(JsonFields o, PathId parent, bool nested)
        {
            var idText = nested
                ? o.RequiredString("id", pattern: PathIdRules.MatchesIdText)
                : o.String("id", pattern: PathIdRules.MatchesIdText);
            var id = idText is null ? parent : PathId.Parse(idText).Resolve(parent);
            if (idText is not null)
            {
                foreach (var error in PathIdRules.Check(id))
                {
                    RuleErrors.Add(o.PathOf("id"), error);
                }

                if (nested && id.Parent != parent)
                {
                    RuleErrors.Add(o.PathOf("id"), NotChild(id, parent));
                }
            }

            var given = Fields.Count(o.Has);
            foreach (var exclusive in (string[])["version", "scaleBy"])
            {
                if (o.Has(exclusive) && given > 1)
                {
                    RuleErrors.Add(o.PathOf(exclusive), OnlyProperty);
                }
            }

            if (o.Bool("enforceRole") == true)
            {
                RuleErrors.Add(o.PathOf("enforceRole"), EnforceRoleUnsupported);
            }

            if (o.Raw("pods") is { } pods)
            {
                if (pods.ValueKind != JsonValueKind.Array)
                {
                    TypeErrors.Add(o.PathOf("pods"), "error.expected.jsarray");
                }
                else if (pods.GetArrayLength() > 0)
                {
                    RuleErrors.Add(o.PathOf("pods"), PodsUnsupported);
                }
            }

            var apps = ReadList(o, "apps", (element, path) => ReadApp(element, path, id));
            var groups = ReadList(o, "groups", (element, path) =>
                JsonInput.Object(element, path, TypeErrors) is { } child ? ReadGroup(child, id, nested: true) : null);
            CheckIds(o, apps, groups);
            return new GroupSpec(id)
            {
                Apps = apps,
                Groups = groups,
                Dependencies = ReadDependencies(o, id),
                Version = ReadVersion(o),
                ScaleBy = o.Double("scaleBy", min: 0),
            };
        }

        private AppDefinition? ReadApp(JsonElement element, string path, PathId group)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                TypeErrors.Add(path, "error.expected.jsobject");
                return null;
            }

            var parsed = AppJson.ParseCreate(Encoding.UTF8.GetBytes(element.GetRawText()), options with { BasePath = group });
            if (!parsed.IsSuccess)
            {
                switch (parsed.Error.Kind)
                {
                    case AppInputErrorKind.MalformedJson:
                        Malformed ??= parsed.Error;
                        break;
                    case AppInputErrorKind.InvalidJson:
                        AddPrefixed(TypeErrors, path, parsed.Error);
                        break;
                    default:
                        AddPrefixed(RuleErrors, path, parsed.Error);
                        break;
                }

                return null;
            }

            if (parsed.App.Id.Parent != group)
            {
                RuleErrors.Add(path + "/id", NotChild(parsed.App.Id, group));
            }

            return parsed.App;
        }

        /// <summary>An id may appear once per group, and an app may not share its id with a group beside it.</summary>
        private void CheckIds(JsonFields o, IReadOnlyList<AppDefinition>? apps, IReadOnlyList<GroupSpec>? groups)
        {
            var seen = new HashSet<PathId>();
            for (var i = 0; i < (apps?.Count ?? 0); i++)
            {
                if (!seen.Add(apps![i].Id))
                {
                    RuleErrors.Add($"{o.PathOf("apps")}({i})/id", $"{apps[i].Id} is listed more than once");
                }
            }

            var appIds = new HashSet<PathId>(seen);
            seen.Clear();
            for (var i = 0; i < (groups?.Count ?? 0); i++)
            {
                if (!seen.Add(groups![i].Id))
                {
                    RuleErrors.Add($"{o.PathOf("groups")}({i})/id", $"{groups[i].Id} is listed more than once");
                }
            }

            if (appIds.Overlaps(seen))
            {
                RuleErrors.Add(o.Path, SameIdentifier);
            }
        }

        /// <summary>A list member; null when absent. Items that fail are left out (their errors are recorded).</summary>
        private List<T>? ReadList<T>(JsonFields o, string name, Func<JsonElement, string, T?> read)
            where T : class
        {
            if (o.Raw(name) is not { } value)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                TypeErrors.Add(o.PathOf(name), "error.expected.jsarray");
                return null;
            }

            var items = new List<T>();
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                if (read(element, $"{o.PathOf(name)}({index})") is { } item)
                {
                    items.Add(item);
                }

                index++;
            }

            return items;
        }

        private List<PathId>? ReadDependencies(JsonFields o, PathId group)
        {
            if (o.StringArray("dependencies", pattern: PathIdRules.MatchesIdText) is not { } texts)
            {
                return null;
            }

            var dependencies = new List<PathId>();
            for (var i = 0; i < texts.Count; i++)
            {
                var dependency = PathId.Parse(texts[i]).Resolve(group);
                foreach (var error in PathIdRules.Check(dependency).Append(dependency.IsRoot ? PathIdRules.EmptyMessage : null).OfType<string>())
                {
                    RuleErrors.Add($"{o.PathOf("dependencies")}({i})", error);
                }

                dependencies.Add(dependency);
            }

            return dependencies;
        }

        private DateTimeOffset? ReadVersion(JsonFields o)
        {
            if (o.String("version") is not { } text)
            {
                return null;
            }

            if (AppTimestamp.TryParse(text, out var version))
            {
                return version;
            }

            TypeErrors.Add(o.PathOf("version"), "error.expected.date.isoformat");
            return null;
        }
    }
}
