using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Core;

internal sealed partial class AgentCore
{
    public AgentSnapshot Snapshot()
    {
        var frameworks = new List<FrameworkView>();
        var completed = new List<FrameworkView>();
        var live = new Dictionary<V1.TaskState, int>();
        var used = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var framework in _frameworks.Values)
        {
            var executors = new List<ExecutorView>();
            foreach (var task in framework.Tasks.Values)
            {
                var view = ToTask(task);
                executors.Add(Executor(task, [view], []));
                live[task.State] = live.GetValueOrDefault(task.State) + 1;
                if (!task.IsTerminal)
                {
                    foreach (var resource in task.Info.Resources.Where(r => r.Scalar is not null))
                    {
                        used[resource.Name] = used.GetValueOrDefault(resource.Name) + resource.Scalar.Value;
                    }
                }
            }

            var done = framework.Completed.Select(t => Executor(t, [], [ToTask(t)])).ToList();
            var info = framework.Info.Clone();
            (executors.Count > 0 ? frameworks : completed).Add(new FrameworkView(info, executors, done));
        }

        return new AgentSnapshot(
            AgentId,
            IsRegistered,
            MasterInfo?.Clone(),
            frameworks,
            completed,
            live,
            new Dictionary<V1.TaskState, long>(_terminalCounts),
            used);
    }

    private static ExecutorView Executor(TaskRecord task, IReadOnlyList<V1.Task> tasks, IReadOnlyList<V1.Task> completedTasks)
    {
        var resources = task.Info.Resources.Select(r => r.Clone()).ToList();
        return new ExecutorView(
            task.ExecutorId,
            TaskEnvironment.ExecutorName(task.Info),
            task.FrameworkId,
            task.ExecutorId,
            task.ContainerId,
            task.Sandbox,
            resources,
            tasks,
            completedTasks,
            task.Info.Labels?.Clone());
    }
}
