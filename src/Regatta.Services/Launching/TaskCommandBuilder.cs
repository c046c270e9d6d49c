using Regatta.Services.Model;
using Regatta.Services.Placement;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Launching;

/// <summary>
/// The <c>CommandInfo</c> of an app task: what to run, as whom, which artifacts to fetch first and the environment
/// (Marathon's variables from <see cref="TaskEnvironment"/>, then the app's <c>env</c>).
/// </summary>
internal static class TaskCommandBuilder
{
    public static V1.CommandInfo Build(
        AppDefinition app,
        string taskId,
        string hostname,
        IReadOnlyList<TaskPort> ports,
        TaskBuildOptions options)
    {
        var command = new V1.CommandInfo { Environment = BuildEnvironment(app, taskId, hostname, ports, options) };

        // A cmd runs through /bin/sh -c: shell keeps its proto default (true), as Marathon leaves it unset.
        if (app.Cmd is { Length: > 0 } cmd)
        {
            command.Value = cmd;
        }
        else
        {
            command.Shell = false;
        }

        if (!app.Args.IsEmpty)
        {
            command.Shell = false;
            command.Arguments.AddRange(app.Args);

            // The command executor execs `value` with `arguments` as argv, so argv[0] doubles as the program.
            // In a container the arguments go to the image's entrypoint instead, so there is no value.
            if (app.Container is null)
            {
                command.Value = app.Args[0];
            }
        }

        foreach (var fetch in app.Fetch)
        {
            var uri = new V1.CommandInfo.Types.URI
            {
                Value = fetch.Uri,
                Executable = fetch.Executable,
                Extract = fetch.Extract,
                Cache = fetch.Cache,
            };
            if (fetch.OutputFile is { } outputFile)
            {
                uri.OutputFile = outputFile;
            }

            command.Uris.Add(uri);
        }

        if (app.User is { } user)
        {
            command.User = user;
        }

        return command;
    }

    private static V1.Environment BuildEnvironment(
        AppDefinition app,
        string taskId,
        string hostname,
        IReadOnlyList<TaskPort> ports,
        TaskBuildOptions options)
    {
        var version = app.Version
            ?? throw new ArgumentException($"app {app.Id} has no version; only stored apps are launched", nameof(app));
        var input = new TaskEnvironmentInput(
            AppId: app.Id.ToString(),
            Version: AppTimestamp.Format(version),
            TaskId: taskId,
            Hostname: hostname,
            Cpus: app.Cpus,
            Mem: app.Mem,
            Disk: app.Disk,
            Gpus: app.Gpus,
            Ports: [.. ports.Select(p => new TaskPortView(p.RequestedPort, p.HostPort, p.ContainerPort, p.Name))],
            Labels: app.Labels,
            DockerImage: app.Container is { Type: ContainerType.Docker, Docker: { } docker } ? docker.Image : null,
            UserEnv: app.Env,
            EnvVarsPrefix: options.EnvVarsPrefix,
            EnforceGroupRole: options.EnforceGroupRole);

        var environment = new V1.Environment();
        foreach (var (name, value) in TaskEnvironment.Build(input))
        {
            environment.Variables.Add(new V1.Environment.Types.Variable { Name = name, Value = value });
        }

        return environment;
    }
}
