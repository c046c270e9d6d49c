using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Regatta.Master.Snapshots;

namespace Regatta.Master.Http;

/// <summary>The request handlers behind <see cref="LegacyRoutes"/>: each takes one snapshot and renders it.</summary>
internal sealed partial class LegacyHandlers
{
    private readonly MasterHost _master;
    private readonly ILogger _logger;

    public LegacyHandlers(MasterHost master, ILogger logger)
    {
        _master = master;
        _logger = logger;
    }

    public Task StateAsync(HttpContext context) =>
        RenderAsync(context, (stream, snapshot) => LegacyStateJson.WriteAsync(stream, snapshot));

    public Task StateSummaryAsync(HttpContext context) =>
        RenderAsync(context, (stream, snapshot) => LegacySummaryJson.WriteAsync(stream, snapshot));

    public Task FrameworksAsync(HttpContext context)
    {
        var frameworkId = Query(context, "framework_id");
        return RenderAsync(context, async (stream, snapshot) =>
        {
            stream.Writer.WriteStartObject();
            await LegacyStateJson.WriteFrameworksAsync(stream, "frameworks", snapshot.Frameworks, frameworkId).ConfigureAwait(false);
            await LegacyStateJson.WriteFrameworksAsync(stream, "completed_frameworks", snapshot.CompletedFrameworks, frameworkId).ConfigureAwait(false);
            stream.Writer.WriteStartArray("unregistered_frameworks");
            stream.Writer.WriteEndArray();
            stream.Writer.WriteEndObject();
        });
    }

    public Task SlavesAsync(HttpContext context)
    {
        var agentId = Query(context, "slave_id");
        return RenderAsync(context, async (stream, snapshot) =>
        {
            var writer = stream.Writer;
            writer.WriteStartObject();
            writer.WriteStartArray("slaves");
            foreach (var agent in snapshot.Agents)
            {
                if (agentId is null || agent.Id == agentId)
                {
                    LegacyAgentJson.WriteFull(writer, agent);
                    await stream.CheckpointAsync().ConfigureAwait(false);
                }
            }

            writer.WriteEndArray();
            writer.WriteStartArray("recovered_slaves");
            foreach (var agent in snapshot.RecoveredAgents)
            {
                if (agentId is null || agent.Id?.Value == agentId)
                {
                    LegacyAgentJson.WriteInfo(writer, agent);
                }
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    public async Task TasksAsync(HttpContext context)
    {
        var query = LegacyTaskQuery.TryParse(name => Query(context, name), out var error);
        if (query is null)
        {
            await JsonEndpoint.WriteTextAsync(context, StatusCodes.Status400BadRequest, error!).ConfigureAwait(false);
            return;
        }

        await RenderAsync(context, async (stream, snapshot) =>
        {
            stream.Writer.WriteStartObject();
            stream.Writer.WriteStartArray("tasks");
            foreach (var (task, role) in query.Select(snapshot))
            {
                LegacyTaskJson.Write(stream.Writer, task, role);
                await stream.CheckpointAsync().ConfigureAwait(false);
            }

            stream.Writer.WriteEndArray();
            stream.Writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public Task RolesAsync(HttpContext context) =>
        RenderAsync(context, (stream, snapshot) =>
        {
            LegacyRolesJson.WriteRoles(stream.Writer, snapshot);
            return ValueTask.CompletedTask;
        });

    public Task FlagsAsync(HttpContext context) =>
        RenderAsync(
            context,
            (stream, snapshot) =>
            {
                stream.Writer.WriteStartObject();
                LegacyStateJson.WriteFlags(stream.Writer, "flags", snapshot.Flags);
                stream.Writer.WriteEndObject();
                return ValueTask.CompletedTask;
            },
            leaderOnly: false);

    /// <summary><c>/version</c> needs no snapshot: the version is fixed for the process.</summary>
    public Task VersionAsync(HttpContext context) =>
        JsonEndpoint.WriteAsync(context, stream =>
        {
            var writer = stream.Writer;
            writer.WriteStartObject();
            writer.WriteString("version", OperatorBuildInfo.VersionOf(_master.MasterInfo));
            writer.WriteString("build_date", OperatorBuildInfo.BuildDate);
            writer.WriteNumber("build_time", OperatorBuildInfo.BuildTimeSeconds);
            writer.WriteString("build_user", OperatorBuildInfo.BuildUser);
            writer.WriteEndObject();
            return ValueTask.CompletedTask;
        });

    private static string? Query(HttpContext context, string name)
    {
        var value = context.Request.Query[name].ToString();
        return value.Length == 0 ? null : value;
    }

    private async Task RenderAsync(HttpContext context, Func<JsonStream, MasterSnapshot, ValueTask> render, bool leaderOnly = true)
    {
        if (leaderOnly && !await OperatorHttp.EnsureLeaderAsync(context, _master).ConfigureAwait(false))
        {
            return;
        }

        var snapshot = await OperatorHttp.TrySnapshotAsync(context, _master, _logger).ConfigureAwait(false);
        if (snapshot is null)
        {
            return;
        }

        await JsonEndpoint.WriteAsync(context, stream => render(stream, snapshot)).ConfigureAwait(false);
    }
}
