namespace Regatta.Agent.Paths;

/// <summary>
/// The Mesos work_dir layout (<c>src/slave/paths.hpp</c>): sandboxes under
/// <c>slaves/&lt;agent&gt;/frameworks/&lt;fw&gt;/executors/&lt;executor&gt;/runs/&lt;container&gt;</c>, agent meta data under
/// <c>meta/slaves</c>. Pure path arithmetic; ids are checked so that none can escape its directory.
/// </summary>
internal sealed class AgentPaths(string workDir)
{
    public string WorkDir { get; } = Path.GetFullPath(workDir);

    public string MetaSlavesDir => Path.Combine(WorkDir, "meta", "slaves");

    /// <summary>The pointer to the current agent id (a symlink to <c>meta/slaves/&lt;id&gt;</c>, as Mesos keeps it).</summary>
    public string LatestAgentPointer => Path.Combine(MetaSlavesDir, "latest");

    public string AgentMetaDir(string agentId) => Path.Combine(MetaSlavesDir, Segment(agentId, "agent id"));

    public string AgentInfoFile(string agentId) => Path.Combine(AgentMetaDir(agentId), "slave.info");

    public string AgentDir(string agentId) => Path.Combine(WorkDir, "slaves", Segment(agentId, "agent id"));

    public string ExecutorRunsDir(string agentId, string frameworkId, string executorId) =>
        Path.Combine(AgentDir(agentId), "frameworks", Segment(frameworkId, "framework id"), "executors", Segment(executorId, "executor id"), "runs");

    public string Sandbox(string agentId, string frameworkId, string executorId, string containerId) =>
        Path.Combine(ExecutorRunsDir(agentId, frameworkId, executorId), Segment(containerId, "container id"));

    /// <summary>Where a task's checkpoint and its container's exit status live (Mesos's meta executor directory; a
    /// command task's executor id is its task id).</summary>
    public string MetaExecutorDir(string agentId, string frameworkId, string executorId) =>
        Path.Combine(MetaFrameworksDir(agentId), Segment(frameworkId, "framework id"), "executors", Segment(executorId, "executor id"));

    public string MetaFrameworksDir(string agentId) => Path.Combine(AgentMetaDir(agentId), "frameworks");

    public const string TaskCheckpointName = "task.checkpoint";

    /// <summary>Written by the task's monitor shell when its command ends, read back by a restarted agent.</summary>
    public const string ExitStatusName = "exit_status";

    /// <summary>True when <paramref name="path"/> (already made absolute) lies inside the work directory.</summary>
    public bool Contains(string path)
    {
        var full = Path.GetFullPath(path);
        return full == WorkDir || full.StartsWith(WorkDir.TrimEnd('/') + "/", StringComparison.Ordinal);
    }

    /// <summary>An id used as one path component must not be empty, '.', '..' or contain '/' or NUL.</summary>
    public static string? CheckSegment(string value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"{what} must not be empty";
        }

        if (value is "." or "..")
        {
            return $"{what} '{value}' must not be '.' or '..'";
        }

        if (value.Contains('/', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
        {
            return $"{what} '{value}' must not contain '/' or NUL";
        }

        return null;
    }

    private static string Segment(string value, string what)
    {
        var problem = CheckSegment(value, what);
        return problem is null ? value : throw new ArgumentException(problem, nameof(value));
    }
}
