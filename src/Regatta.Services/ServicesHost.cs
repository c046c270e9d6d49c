using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regatta.Coordination.Store;
using Regatta.Services.Core;
using Regatta.Services.Events;
using Regatta.Services.Hosting;
using Regatta.Services.Http;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using Regatta.Services.Placement;
using Regatta.Services.Scheduler;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services;

/// <summary>
/// A running services scheduler: its state store (work_dir/services/state.db), its loop, its link to the master
/// (a framework like any other, on the public v1 Scheduler API) and the Marathon-compatible REST API.
/// </summary>
public sealed class ServicesHost : IAsyncDisposable
{
    /// <summary>The Marathon version the API presents (shapes follow 1.6–1.10).</summary>
    public const string MarathonVersion = "1.10.17";

    private readonly WebApplication _web;
    private readonly ServicesActor _actor;
    private readonly MasterLink _link;
    private readonly IStateStore _store;
    private readonly EventBus _bus;
    private readonly IAsyncDisposable? _health;
    private int _disposed;

    private ServicesHost(WebApplication web, ServicesActor actor, MasterLink link, IStateStore store, EventBus bus, IAsyncDisposable? health, int port)
    {
        _web = web;
        _actor = actor;
        _link = link;
        _store = store;
        _bus = bus;
        _health = health;
        BoundPort = port;
    }

    /// <summary>The port the REST API listens on.</summary>
    public int BoundPort { get; }

    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem by flag.</exception>
    public static async Task<ServicesHost> StartAsync(ServicesOptions options, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid services options:\n" + string.Join("\n", errors), nameof(options));
        }

        var logger = loggerFactory.CreateLogger("Regatta.Services");
        ServicesOptions.TryMasterUri(options.Master, out var master);
        var hostname = options.Hostname ?? Dns.GetHostName();
        var store = await SqliteStateStore.OpenAsync(Path.Combine(options.WorkDir, "services", "state.db"), cancellationToken).ConfigureAwait(false);
        var snapshot = await LoadAsync(store, logger, cancellationToken).ConfigureAwait(false);
        var core = new ServicesCore(
            new ServicesCoreOptions
            {
                DeclineOfferDuration = options.DeclineOfferDuration,
                ServicePorts = new ServicePortRange(options.LocalPortMin, options.LocalPortMax),
                Role = options.MesosRole,
            },
            (app, match, taskId) => TaskBuilder.Build(app, match, taskId),
            new Random(),
            logger);
        core.Restore(snapshot.State);
        foreach (var version in snapshot.Versions)
        {
            core.RestoreVersion(version);
        }

        await GroupRecord.LoadAsync(store, core, logger, cancellationToken).ConfigureAwait(false);

        var bus = new EventBus(loggerFactory.CreateLogger<EventBus>());
        var actor = new ServicesActor(core, store, bus, time, logger);
        var frameworkId = snapshot.State.FrameworkId;
        var link = new MasterLink(master, () => FrameworkInfo(options, hostname, actor, frameworkId), actor, time, logger);
        actor.Link = link;
        var health = new ServicesHealth(actor, time, loggerFactory.CreateLogger("Regatta.Services.Health"));
        actor.Health = health;

        var parseOptions = AppParseOptions.Default with
        {
            DefaultRole = options.MesosRole,
            ConstraintCheck = parts => Constraint.TryParse([.. parts], out _, out var error) ? null : error,
        };
        var api = new ServicesApiContext(parseOptions, health.ResultsOf, health.ReadinessOf, () => health.Version, (context, app) => bus.Publish(new ApiPostEvent(
            context.Connection.RemoteIpAddress?.ToString() ?? "", context.Request.Path + context.Request.QueryString, app)
        { Timestamp = time.GetUtcNow() }));
        ServerFacts? current = null;
        var web = BuildWebApplication(options, loggerFactory, () => current?.Leader);
        var facts = new ServerFacts(
            MarathonVersion, $"{hostname}:{options.HttpPort}", options.HttpPort, options.Master, options.FrameworkName, options.MesosRole, hostname,
            options.FailoverTimeoutSeconds, time.GetUtcNow());
        facts = facts with { LocalPortMin = options.LocalPortMin, LocalPortMax = options.LocalPortMax };
        new AppsApi(actor, api).Map(web);
        new GroupsApi(actor, api).Map(web);
        TasksApi.Map(web, actor, api);
        EventStreamEndpoint.Map(web, bus, time);
        ServerApi.Map(web, actor, api, () => facts, time);
        actor.Start();
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        var port = BoundPortOf(web, options.HttpPort);
        facts = facts with { Leader = $"{hostname}:{port}", HttpPort = port };
        current = facts;
        link.Start();
        ServicesLog.Listening(logger, $"{options.HttpAddress}:{port}");
        return new ServicesHost(web, actor, link, store, bus, health, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _bus.CloseAll("the services scheduler is stopping");
        await _web.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _link.DisposeAsync().ConfigureAwait(false);
        if (_health is not null)
        {
            await _health.DisposeAsync().ConfigureAwait(false);
        }

        await _actor.DisposeAsync().ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }

    private static V1.FrameworkInfo FrameworkInfo(ServicesOptions options, string hostname, ServicesActor actor, string? storedId)
    {
        var info = new V1.FrameworkInfo
        {
            Name = options.FrameworkName,
            User = options.MesosUser ?? Environment.UserName,
            FailoverTimeout = options.FailoverTimeoutSeconds,
            Checkpoint = true,
            Hostname = hostname,
            WebuiUrl = $"http://{hostname}:{options.HttpPort}",
            Roles = { options.MesosRole },
            Capabilities =
            {
                new V1.FrameworkInfo.Types.Capability { Type = V1.FrameworkInfo.Types.Capability.Types.Type.PartitionAware },
                new V1.FrameworkInfo.Types.Capability { Type = V1.FrameworkInfo.Types.Capability.Types.Type.TaskKillingState },
                new V1.FrameworkInfo.Types.Capability { Type = V1.FrameworkInfo.Types.Capability.Types.Type.MultiRole },
            },
        };
        var id = actor.FrameworkId ?? storedId;
        if (id is not null)
        {
            info.Id = new V1.FrameworkID { Value = id };
        }

        return info;
    }

    private static async Task<(ServicesSnapshot State, List<AppDefinition> Versions)> LoadAsync(IStateStore store, ILogger logger, CancellationToken cancellationToken)
    {
        var frameworkId = await store.GetAsync(ServicesStoreKeys.FrameworkIdKey, cancellationToken).ConfigureAwait(false) is { } idBytes
            ? Encoding.UTF8.GetString(idBytes)
            : null;
        var apps = await ReadAllAsync(ServicesStoreKeys.AppsPrefix + "/", value => AppStorage.Deserialize(value).App).ConfigureAwait(false);
        var versions = await ReadAllAsync(ServicesStoreKeys.VersionsPrefix + "/", value => AppStorage.Deserialize(value).App).ConfigureAwait(false);
        var tasks = await ReadAllAsync(ServicesStoreKeys.TasksPrefix, value => TaskRecordJson.Read(value)).ConfigureAwait(false);
        var deployments = await ReadAllAsync(ServicesStoreKeys.DeploymentsPrefix, value => DeploymentRecordJson.Read(value)).ConfigureAwait(false);
        return (new ServicesSnapshot(frameworkId, apps, tasks, deployments), versions);

        // Every record under the prefix that reads; one that does not is logged and skipped.
        async Task<List<T>> ReadAllAsync<T>(string prefix, Func<byte[], T?> read)
            where T : class
        {
            var records = new List<T>();
            foreach (var (key, value) in await store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                if (read(value) is { } record)
                {
                    records.Add(record);
                }
                else
                {
                    ServicesLog.BadRecord(logger, key);
                }
            }

            return records;
        }
    }

    private static WebApplication BuildWebApplication(ServicesOptions options, ILoggerFactory loggerFactory, Func<string?> leader)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Regatta.Services" });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(options.HttpAddress), options.HttpPort);
            kestrel.Limits.MaxRequestBodySize = HttpReplies.MaxBodyBytes;
            kestrel.Limits.MinResponseDataRate = null;
        });
        var web = builder.Build();
        var authentication = options.HttpCredentials is { } credentials ? new BasicAuthentication(credentials, options.HttpRealm) : null;
        web.Use(async (context, next) =>
        {
            context.Response.Headers.CacheControl = "no-cache, no-store, must-revalidate";
            context.Response.Headers.Pragma = "no-cache";
            context.Response.Headers.Expires = "0";
            context.Response.Headers["X-Frame-Options"] = "DENY";
            context.Response.Headers["X-XSS-Protection"] = "1; mode=block";
            if (leader() is { } name)
            {
                context.Response.Headers["X-Marathon-Leader"] = "http://" + name;
            }

            if (authentication is not null && !await authentication.AdmitAsync(context).ConfigureAwait(false))
            {
                return;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                await HttpReplies.MessageAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
            }
        });
        return web;
    }

    private static int BoundPortOf(WebApplication web, int requested)
    {
        var addresses = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Port > 0)
            {
                return uri.Port;
            }
        }

        return requested;
    }
}
