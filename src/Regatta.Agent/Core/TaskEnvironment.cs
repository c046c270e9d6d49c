using Regatta.Agent.Containerizers;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

/// <summary>
/// The environment a command task sees, as Mesos builds it: the executor variables of <c>executorEnvironment()</c>
/// (MESOS_FRAMEWORK_ID, MESOS_EXECUTOR_ID, MESOS_DIRECTORY, MESOS_SANDBOX, MESOS_SLAVE_ID, MESOS_SLAVE_PID,
/// MESOS_AGENT_ENDPOINT, MESOS_CHECKPOINT, MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD), plus MESOS_TASK_ID, MESOS_AGENT_ID and
/// MESOS_CONTAINER_NAME, then CommandInfo.environment on top (the task's own values win). Pure.
/// </summary>
internal static class TaskEnvironment
{
    public static IReadOnlyDictionary<string, string> Build(
        AgentCoreConfig config, string agentId, V1.FrameworkInfo framework, V1.TaskInfo task, string containerId, string sandbox)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MESOS_FRAMEWORK_ID"] = framework.Id.Value,
            ["MESOS_EXECUTOR_ID"] = task.TaskId.Value,
            ["MESOS_TASK_ID"] = task.TaskId.Value,
            ["MESOS_DIRECTORY"] = sandbox,
            ["MESOS_SANDBOX"] = sandbox,
            ["MESOS_SLAVE_ID"] = agentId,
            ["MESOS_AGENT_ID"] = agentId,
            ["MESOS_SLAVE_PID"] = config.Pid,
            ["MESOS_AGENT_ENDPOINT"] = config.Endpoint,
            ["MESOS_CHECKPOINT"] = framework.Checkpoint ? "1" : "0",
            ["MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD"] = DurationText.Format(config.ExecutorShutdownGracePeriod),
            ["MESOS_CONTAINER_NAME"] = "mesos-" + containerId,
        };

        foreach (var variable in task.Command?.Environment?.Variables ?? [])
        {
            if (variable.HasType && variable.Type == V1.Environment.Types.Variable.Types.Type.Secret)
            {
                throw new ContainerLaunchException($"Environment variable '{variable.Name}' is a secret; secrets are not supported by this agent");
            }

            if (variable.Name.Length == 0 || variable.Name.Contains('=', StringComparison.Ordinal) || variable.Name.Contains('\0', StringComparison.Ordinal))
            {
                throw new ContainerLaunchException($"Environment variable name '{variable.Name}' must be non-empty and contain no '=' or NUL");
            }

            environment[variable.Name] = variable.Value;
        }

        return environment;
    }

    /// <summary>Mesos's name for a command task's executor.</summary>
    public static string ExecutorName(V1.TaskInfo task)
    {
        var command = task.Command;
        var text = command is null
            ? ""
            : !command.HasShell || command.Shell
                ? $"sh -c '{command.Value}'"
                : "[" + string.Join(", ", command.Arguments.Count > 0 ? command.Arguments : [command.Value]) + "]";
        return $"Command Executor (Task: {task.TaskId.Value}) (Command: {text})";
    }
}
