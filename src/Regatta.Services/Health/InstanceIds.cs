using System.Text.RegularExpressions;

namespace Regatta.Services.Health;

/// <summary>
/// The instance id Marathon shows next to a task id (<c>healthCheckResults[].instanceId</c>, health events):
/// <c>app.instance-&lt;uuid&gt;</c> for instance-form task ids, <c>app.marathon-&lt;uuid&gt;</c> for classic and
/// resident ids (the "legacy executor id"), the task id itself for anything else.
/// </summary>
internal static partial class InstanceIds
{
    public static string FromTaskId(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var match = InstanceForm().Match(taskId);
        if (match.Success)
        {
            return $"{match.Groups["app"].Value}.{match.Groups["prefix"].Value}{match.Groups["uuid"].Value}";
        }

        match = ResidentForm().Match(taskId);
        if (!match.Success)
        {
            match = ClassicForm().Match(taskId);
        }

        return match.Success ? $"{match.Groups["app"].Value}.marathon-{match.Groups["uuid"].Value}" : taskId;
    }

    [GeneratedRegex(@"^(?<app>.+)\.(?<prefix>instance-|marathon-)(?<uuid>[^_.]+)[._][^.]+(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceForm();

    [GeneratedRegex(@"^(?<app>.+)[._](?<uuid>[^_.]+)\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ResidentForm();

    [GeneratedRegex(@"^(?<app>.+)[._](?<uuid>[^_.]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ClassicForm();
}
