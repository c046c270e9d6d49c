using System.Text.Json;
using Regatta.Services.Core;
using Regatta.Services.Launching;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>What a GroupInfo embeds (<c>embed=group.groups</c>, <c>group.apps</c>, <c>group.apps.counts</c>, …).</summary>
[Flags]
internal enum GroupEmbed
{
    None = 0,
    Groups = 1,
    Apps = 2,
    Pods = 4,
    AppCounts = 8,
    AppDeployments = 16,
    AppTasks = 32,
    AppLastTaskFailure = 64,
    AppReadiness = 128,

    /// <summary>What Marathon embeds when the request names nothing.</summary>
    Default = Groups | Apps | Pods,
}

/// <summary>
/// GroupInfo as <c>GET /v2/groups</c> answers it:
/// <c>{"id","apps":[AppInfo…],"pods":[],"groups":[GroupInfo…],"dependencies":[…],"version","enforceRole":false}</c>.
/// Every array is always there, empty when not embedded. Apps in a group carry no counts or deployments unless
/// asked for (<c>group.apps.counts</c>, <c>group.apps.deployments</c>), unlike <c>/v2/apps</c>.
/// </summary>
internal static class GroupInfoJson
{
    /// <summary>Group embeds as Marathon reads them; app embeds only with the <c>group.apps.</c> prefix.</summary>
    public static GroupEmbed ParseEmbed(IEnumerable<string?> values)
    {
        var given = values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        if (given.Count == 0)
        {
            return GroupEmbed.Default;
        }

        var embed = GroupEmbed.None;
        foreach (var value in given)
        {
            embed |= value switch
            {
                "group.groups" => GroupEmbed.Groups,
                "group.apps" => GroupEmbed.Apps,
                "group.pods" => GroupEmbed.Pods,
                "group.apps.tasks" => GroupEmbed.AppTasks | GroupEmbed.AppDeployments,
                "group.apps.failures" => GroupEmbed.AppTasks | GroupEmbed.AppLastTaskFailure | GroupEmbed.AppDeployments,
                "group.apps.deployments" => GroupEmbed.AppDeployments,
                "group.apps.counts" => GroupEmbed.AppCounts,
                "group.apps.lastTaskFailure" => GroupEmbed.AppLastTaskFailure,
                "group.apps.readiness" => GroupEmbed.AppReadiness,
                _ => GroupEmbed.None,
            };
        }

        return embed;
    }

    /// <summary>Writes <paramref name="group"/> and, as embedded, its apps (via <paramref name="writeApp"/>) and subgroups.</summary>
    public static void Write(Utf8JsonWriter w, GroupTree group, GroupEmbed embed, Action<Utf8JsonWriter, AppDefinition> writeApp)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(writeApp);
        w.WriteStartObject();
        w.WriteString("id", group.Id.ToString());
        w.WriteStartArray("apps");
        if (embed.HasFlag(GroupEmbed.Apps))
        {
            foreach (var app in group.Apps)
            {
                writeApp(w, app);
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("pods");
        w.WriteEndArray();
        w.WriteStartArray("groups");
        if (embed.HasFlag(GroupEmbed.Groups))
        {
            foreach (var child in group.Groups)
            {
                Write(w, child, embed, writeApp);
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("dependencies");
        foreach (var dependency in group.Dependencies)
        {
            w.WriteStringValue(dependency.ToString());
        }

        w.WriteEndArray();
        w.WriteString("version", AppTimestamp.Format(group.Version));
        w.WriteBoolean("enforceRole", false);
        w.WriteEndObject();
    }

    /// <summary>
    /// One app's AppInfo with the app embeds of <paramref name="embed"/>, as <c>/v2/apps</c> renders it but with the
    /// counts and deployments only when they were asked for.
    /// </summary>
    public static void WriteAppInfo(Utf8JsonWriter w, ServicesCore core, AppDefinition app, GroupEmbed embed, Func<ServiceTask, IReadOnlyList<TaskHealthView>> health)
    {
        ArgumentNullException.ThrowIfNull(w);
        var appEmbed = (embed.HasFlag(GroupEmbed.AppTasks) ? AppEmbed.Tasks : AppEmbed.None)
            | (embed.HasFlag(GroupEmbed.AppLastTaskFailure) ? AppEmbed.LastTaskFailure : AppEmbed.None)
            | (embed.HasFlag(GroupEmbed.AppReadiness) ? AppEmbed.Readiness : AppEmbed.None);
        ServicesJson.WriteAppInfo(
            w, core, app, appEmbed, health, withCounts: embed.HasFlag(GroupEmbed.AppCounts), withDeployments: embed.HasFlag(GroupEmbed.AppDeployments));
    }
}
