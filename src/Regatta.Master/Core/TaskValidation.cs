using Regatta.Protocol.V1;
using Regatta.Resources;

namespace Regatta.Master.Core;

/// <summary>The master's TaskInfo checks for LAUNCH (a failure becomes TASK_ERROR with REASON_TASK_INVALID).</summary>
internal static class TaskValidation
{
    /// <summary>Null when valid, else the reason; <paramref name="resources"/> holds the parsed task resources.</summary>
    public static string? Validate(
        TaskInfo task, FrameworkRecord framework, string agentId, ISet<string> idsInThisAccept, out ResourceSet resources)
    {
        resources = ResourceSet.Empty;
        var taskId = task.TaskId.Value;
        if (CheckId(taskId) is { } idProblem)
        {
            return $"'TaskInfo.task_id' {idProblem}";
        }

        if (framework.Tasks.ContainsKey(taskId) || idsInThisAccept.Contains(taskId))
        {
            return $"Task has duplicate ID: {taskId}";
        }

        if (task.AgentId.Value != agentId)
        {
            return $"Task uses agent ID '{task.AgentId.Value}' which does not match the offered agent '{agentId}'";
        }

        if ((task.Executor is null) == (task.Command is null))
        {
            return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        }

        if (task.Executor is { } executor)
        {
            if (CheckId(executor.ExecutorId.Value) is { } executorProblem)
            {
                return $"'ExecutorInfo.executor_id' {executorProblem}";
            }

            if (executor.FrameworkId is { } executorFramework && executorFramework.Value != framework.Id)
            {
                return $"ExecutorInfo has an invalid FrameworkID (actual: {executorFramework.Value} vs expected: {framework.Id})";
            }
        }

        if (task.Command is { } command && command.Shell && !command.HasValue)
        {
            return "'CommandInfo.value' is required when 'CommandInfo.shell' is true";
        }

        if (task.KillPolicy?.GracePeriod is { } grace && grace.Nanoseconds < 0)
        {
            return "'TaskInfo.kill_policy.grace_period' must be non-negative";
        }

        if (!ResourceWire.TryFromProto(task.Resources, out resources, out var resourceProblem))
        {
            return $"Task resources are invalid: {resourceProblem}";
        }

        if (resources.IsEmpty)
        {
            return "Task uses no resources";
        }

        return null;
    }

    private static string? CheckId(string id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "must not be empty";
        }

        if (id is "." or "..")
        {
            return $"'{id}' is not allowed";
        }

        foreach (var c in id)
        {
            if (c == '/' || char.IsControl(c))
            {
                return $"'{id}' contains invalid characters ('/' and control characters are not allowed)";
            }
        }

        return null;
    }
}
