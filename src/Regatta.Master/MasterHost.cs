using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Regatta.Coordination.Store;
using Regatta.Master.Core;
using Regatta.Master.Hosting;
using Regatta.Master.Http;
using Regatta.Master.Registry;
using Regatta.Master.Snapshots;
using Regatta.Protocol;
using Address = Regatta.Protocol.V1.Address;
using MasterInfo = Regatta.Protocol.V1.MasterInfo;

namespace Regatta.Master;

/// <summary>
/// A running master: Kestrel serving the scheduler API (<c>/api/v1/scheduler</c>, also under <c>/master</c>),
/// the agent protocol (<c>/agent/v1</c>) and any extra routes, in front of the actor that owns the master's
/// state and its registry. Start with <see cref="StartAsync(MasterOptions, ILoggerFactory, TimeProvider, CancellationToken)"/>;
/// dispose to stop.
/// </summary>
public sealed partial class MasterHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IStateStore _store;
    private readonly OperatorEventHub _hub;
    private MasterActor? _actor;
    private int _disposed;

    private MasterHost(MasterOptions options, WebApplication app, IStateStore store, OperatorEventHub hub)
    {
        Options = options;
        _app = app;
        _store = store;
        _hub = hub;
    }

    public MasterOptions Options { get; }

    /// <summary>The port Kestrel listens on (the OS-chosen one when <see cref="MasterOptions.Port"/> is 0).</summary>
    public int BoundPort { get; private set; }

    /// <summary>Base URL for clients on this machine, e.g. <c>http://127.0.0.1:5050/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>This master's MasterInfo (id, ip, port, pid, hostname, version).</summary>
    public MasterInfo MasterInfo { get; private set; } = null!;

    public string MasterId => MasterInfo.Id;

    /// <summary>Faults if the master had to stop serving (its registry failed); never completes otherwise.</summary>
    public Task Completion => _actor?.Faulted ?? Task.CompletedTask;

    internal MasterActor Actor => _actor ?? throw new InvalidOperationException("the master has not started");

    /// <summary>Who leads; the scheduler API redirects to the leader when this master is not it.</summary>
    internal LeaderState Leader { get; set; } = LeaderState.Self;

    public static Task<MasterHost> StartAsync(MasterOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        StartAsync(options, loggerFactory, timeProvider, [], cancellationToken);

    /// <summary>Starts a master with extra routes (operator API, legacy endpoints) mounted on the same server.</summary>
    internal static async Task<MasterHost> StartAsync(
        MasterOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider, IReadOnlyList<IMasterRoutes> routes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid master options: " + string.Join("; ", errors), nameof(options));
        }

        var logger = loggerFactory.CreateLogger("Regatta.Master");
        IStateStore store = options.IsDurable
            ? await SqliteStateStore.OpenAsync(Path.Combine(options.WorkDir!, "master", "registry.db"), cancellationToken).ConfigureAwait(false)
            : new InMemoryStateStore();
        MasterHost? host = null;
        try
        {
            var registry = await RegistryLoader.LoadAsync(store, cancellationToken).ConfigureAwait(false);
            var app = BuildApp(options, loggerFactory);
            host = new MasterHost(options, app, store, new OperatorEventHub(options.MaxOperatorEventSubscribers));
            host.MapRoutes(timeProvider, logger, routes);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            host.BoundPort = ReadBoundPort(app, options.Port);
            var clientHost = IsAny(options.Ip) ? "127.0.0.1" : options.Ip;
            host.Endpoint = new Uri($"http://{(clientHost.Contains(':', StringComparison.Ordinal) ? $"[{clientHost}]" : clientHost)}:{host.BoundPort}/");
            host.MasterInfo = BuildMasterInfo(options, host.BoundPort);

            var now = timeProvider.GetUtcNow();
            var core = new MasterCore(options, host.MasterInfo, now, logger);
            core.Recover(registry, now);
            var actor = new MasterActor(core, store, host._hub, timeProvider, logger);
            actor.Start();
            host._actor = actor;
            logger.MasterStarted(host.MasterId, host.Endpoint.ToString(), options.Registry);
            return host;
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await store.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_actor is { } actor)
        {
            // Stop serving first so no new commands arrive, then drain the actor and its commits.
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var stopping = _app.StopAsync(stopTimeout.Token);
            await actor.DisposeAsync().ConfigureAwait(false);
            await stopping.ConfigureAwait(false);
        }
        else
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplication BuildApp(MasterOptions options, ILoggerFactory loggerFactory)
    {
        // No appsettings reload: its file watcher would watch the current directory (the content root), and a busy
        // directory (a work_dir under it, say) costs CPU on every write.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(options.Ip), options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        return app;
    }

    private void MapRoutes(TimeProvider timeProvider, ILogger logger, IReadOnlyList<IMasterRoutes> routes)
    {
        var scheduler = new SchedulerEndpoint(() => _actor, () => Leader, Options, timeProvider);
        foreach (var path in (string[])["/api/v1/scheduler", "/master/api/v1/scheduler"])
        {
            _app.Map(path, (RequestDelegate)scheduler.HandleAsync);
        }

        var agents = new AgentEndpoint(() => _actor, Options.MaxAgentFrameBytes, logger);
        _app.Map(AgentEndpoint.Path, (RequestDelegate)agents.HandleAsync);
        foreach (var route in routes)
        {
            route.Map(_app, this);
        }
    }

    private static int ReadBoundPort(WebApplication app, int requested)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Port > 0)
            {
                return uri.Port;
            }
        }

        return requested;
    }

    private static MasterInfo BuildMasterInfo(MasterOptions options, int boundPort)
    {
        var ip = options.AdvertiseIp ?? (IsAny(options.Ip) ? GuessExternalIPv4() : options.Ip);
        var port = options.AdvertisePort ?? boundPort;
        var hostname = options.Hostname ?? Dns.GetHostName();
        var address = IPAddress.Parse(ip);
        var info = new MasterInfo
        {
            Id = Guid.NewGuid().ToString(),
            Ip = address.AddressFamily == AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6 ? MesosIds.PackIPv4(address) : 0,
            Port = (uint)port,
            Pid = $"master@{ip}:{port}",
            Hostname = hostname,
            Version = options.Version,
            Address = new Address { Hostname = hostname, Ip = ip, Port = port },
        };
        info.Capabilities.Add(new MasterInfo.Types.Capability { Type = MasterInfo.Types.Capability.Types.Type.AgentUpdate });
        return info;
    }

    private static bool IsAny(string ip) => ip is "0.0.0.0" or "::";

    private static string GuessExternalIPv4()
    {
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
            {
                if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
                {
                    continue;
                }

                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                {
                    if (unicast.Address.AddressFamily == AddressFamily.InterNetwork)
                    {
                        return unicast.Address.ToString();
                    }
                }
            }
        }
        catch (NetworkInformationException)
        {
            // Fall through to loopback.
        }

        return "127.0.0.1";
    }
}
