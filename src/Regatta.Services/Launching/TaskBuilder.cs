using Regatta.Resources;
using Regatta.Services.Model;
using Regatta.Services.Placement;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Launching;

/// <summary>
/// Builds the Mesos <c>TaskInfo</c> for one app task on one matched offer, field for field as Marathon launches
/// it. Pure: the task id, the offer match and the app version come in; nothing is read from a clock or a random
/// source, so the same input gives the same bytes.
/// </summary>
internal static class TaskBuilder
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <exception cref="ArgumentException">
    /// The match is a rejection, its host ports do not fit the app's ports, or the app is not launchable as given
    /// (no version, a DOCKER container without image): caller bugs, since validated apps never get here so.
    /// </exception>
    public static V1.TaskInfo Build(AppDefinition app, OfferMatch match, string taskId, TaskBuildOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(match);
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        if (!match.IsMatch)
        {
            throw new ArgumentException($"offer {match.Offer.OfferId} does not match: {match.Reasons[0].Message}", nameof(match));
        }

        options ??= TaskBuildOptions.Default;
        var ports = TaskPorts.Assign(app, match.HostPorts);
        var task = new V1.TaskInfo
        {
            Name = TaskName(app.Id),
            TaskId = new V1.TaskID { Value = taskId },
            AgentId = new V1.AgentID { Value = match.Offer.Agent.AgentId },
            Discovery = TaskDiscoveryBuilder.Build(app, ports),
        };

        // Resources keep their reservations; allocation_info names the role the offer was allocated to, which
        // a multi-role framework must echo back.
        task.Resources.AddRange(ResourceWire.ToProto(match.Consumed, match.Offer.AllocationRole ?? app.Role));

        if (!app.Labels.IsEmpty)
        {
            task.Labels = TaskLabels.ToProto(app.Labels);
        }

        var container = TaskContainerBuilder.Build(app, taskId, ports, options);
        var command = TaskCommandBuilder.Build(app, taskId, match.Offer.Agent.Hostname, ports, options);
        var executor = app.Executor.Length > 0 ? app.Executor : options.DefaultExecutor;
        if (executor == TaskBuildOptions.CommandExecutor)
        {
            task.Container = container;
            task.Command = command;
        }
        else
        {
            task.Executor = PathExecutor(app, taskId, executor, command, container);
        }

        if (app.TaskKillGracePeriodSeconds is { } grace)
        {
            task.KillPolicy = new V1.KillPolicy
            {
                GracePeriod = new V1.DurationInfo { Nanoseconds = grace * NanosecondsPerSecond },
            };
        }

        if (TaskHealthCheckBuilder.Build(app, ports) is { } healthCheck)
        {
            task.HealthCheck = healthCheck;
        }

        return task;
    }

    /// <summary>
    /// The task name, also the discovery name: the app id's segments in reverse, dot-joined, a valid DNS name
    /// (<c>/prod/web</c> → <c>web.prod</c>).
    /// </summary>
    public static string TaskName(PathId appId) => string.Join('.', appId.Segments.Reverse());

    /// <summary>
    /// An app with <c>executor</c> set to a path runs under that executor: Marathon wraps the command so the
    /// fetched executor is made executable and exec'd with the app's command line. (Regatta's agent runs only the
    /// command executor and fails such tasks with a message saying so.)
    /// </summary>
    private static V1.ExecutorInfo PathExecutor(AppDefinition app, string taskId, string path, V1.CommandInfo command, V1.ContainerInfo? container)
    {
        var quoted = $"'{path}'";
        var commandLine = app.Cmd ?? string.Join(' ', app.Args);
        command.Value = $"chmod ug+rx {quoted} && exec {quoted} {commandLine}";
        var executor = new V1.ExecutorInfo
        {
            ExecutorId = new V1.ExecutorID { Value = "marathon-" + taskId },
            Command = command,
        };
        if (container is not null)
        {
            executor.Container = container;
        }

        return executor;
    }
}
