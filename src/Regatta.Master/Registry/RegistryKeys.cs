namespace Regatta.Master.Registry;

/// <summary>
/// The registry layout in the state store. Values are binary protobuf:
/// <c>agents/&lt;id&gt;</c> AgentInfo (admitted agents), <c>unreachable/&lt;id&gt;</c> TimeInfo (when it was marked),
/// <c>gone/&lt;id&gt;</c> TimeInfo, <c>frameworks/&lt;id&gt;</c> FrameworkInfo, <c>removed_frameworks/&lt;id&gt;</c>
/// FrameworkInfo, <c>tasks/&lt;framework id&gt;/&lt;task id&gt;</c> Task, <c>weights/&lt;role&gt;</c> WeightInfo.
/// Framework and agent ids never contain '/', so the task key is unambiguous even when a task id does.
/// </summary>
internal static class RegistryKeys
{
    public const string AgentsPrefix = "agents/";
    public const string UnreachablePrefix = "unreachable/";
    public const string GonePrefix = "gone/";
    public const string FrameworksPrefix = "frameworks/";
    public const string RemovedFrameworksPrefix = "removed_frameworks/";
    public const string TasksPrefix = "tasks/";
    public const string WeightsPrefix = "weights/";

    public static string Agent(string agentId) => AgentsPrefix + agentId;

    public static string Unreachable(string agentId) => UnreachablePrefix + agentId;

    public static string Gone(string agentId) => GonePrefix + agentId;

    public static string Framework(string frameworkId) => FrameworksPrefix + frameworkId;

    public static string RemovedFramework(string frameworkId) => RemovedFrameworksPrefix + frameworkId;

    public static string Task(string frameworkId, string taskId) => TasksPrefix + frameworkId + "/" + taskId;

    public static string Weight(string role) => WeightsPrefix + role;
}
