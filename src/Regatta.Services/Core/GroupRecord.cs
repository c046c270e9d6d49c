using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Regatta.Coordination.Store;
using Regatta.Services.Model;

namespace Regatta.Services.Core;

/// <summary>
/// A group that exists on its own, not only as the parent of some app id: one created or changed through
/// <c>/v2/groups</c> (so it stays when its last app goes, as in Marathon), with its <c>dependencies</c> and the
/// version of its last change. Groups that only enclose apps need no record.
/// </summary>
internal sealed record GroupRecord(PathId Id, ValueArray<PathId> Dependencies, DateTimeOffset Version)
{
    /// <summary>Records live under <c>services/groups/&lt;id&gt;</c> (the id keeps its slashes).</summary>
    public const string KeyPrefix = ServicesStoreKeys.Prefix + "groups";

    public StoreMutation ToPut() => StoreMutation.Put(KeyPrefix + Id, Serialize());

    public static StoreMutation ToDelete(PathId id) => StoreMutation.Delete(KeyPrefix + id);

    public byte[] Serialize()
    {
        var node = new JsonObject
        {
            ["id"] = Id.ToString(),
            ["dependencies"] = new JsonArray([.. Dependencies.Select(d => (JsonNode?)d.ToString())]),
            ["version"] = AppTimestamp.Format(Version),
        };
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>The record, or null when the bytes are not one.</summary>
    public static GroupRecord? Deserialize(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var node = JsonNode.Parse(utf8)?.AsObject();
            if (node is null || (string?)node["id"] is not { } id || !AppTimestamp.TryParse((string?)node["version"] ?? "", out var version))
            {
                return null;
            }

            var path = PathId.Parse(id);
            if (!path.IsAbsolute || path.IsRoot)
            {
                return null;
            }

            var dependencies = (node["dependencies"]?.AsArray() ?? []).Select(d => PathId.Parse((string)d!));
            return new GroupRecord(path, [.. dependencies], version);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Start-up: hands every stored group record to the core (unreadable ones are logged and skipped).</summary>
    public static async Task LoadAsync(IStateStore store, ServicesCore core, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(core);
        foreach (var (key, value) in await store.ListAsync(KeyPrefix + "/", cancellationToken).ConfigureAwait(false))
        {
            if (Deserialize(value) is { } record)
            {
                core.RestoreGroup(record);
            }
            else
            {
                ServicesLog.BadRecord(logger, key);
            }
        }
    }
}
