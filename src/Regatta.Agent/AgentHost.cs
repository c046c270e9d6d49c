using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regatta.Agent.Connection;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Containerizers.Docker;
using Regatta.Agent.Core;
using Regatta.Agent.Http;
using Regatta.Agent.Isolation;
using Regatta.Agent.Logging;
using Regatta.Agent.Machine;
using Regatta.Agent.Paths;
using Regatta.Agent.Runtime;
using Regatta.Resources;

namespace Regatta.Agent;

/// <summary>
/// A running agent: its HTTP server (Kestrel), its connection to the master and the loop that runs tasks.
/// Start with <see cref="StartAsync"/>; <see cref="DisposeAsync"/> kills the running tasks and stops everything
/// (the agent id survives in work_dir/meta for the next start).
/// </summary>
public sealed class AgentHost : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly AgentRuntime _runtime;
    private readonly CancellationTokenSource _stopping;
    private readonly Task _connection;
    private readonly TimeSpan _shutdownGrace;
    private bool _killTasksOnShutdown = true;
    private ILogger? _logger;
    private int _disposed;

    private AgentHost(WebApplication web, AgentRuntime runtime, CancellationTokenSource stopping, Task connection, int boundPort, string advertisedIp, TimeSpan shutdownGrace)
    {
        _web = web;
        _runtime = runtime;
        _stopping = stopping;
        _connection = connection;
        BoundPort = boundPort;
        Endpoint = $"{advertisedIp}:{boundPort}";
        _shutdownGrace = shutdownGrace;
    }

    /// <summary>The port the HTTP server listens on (the OS's choice when the options said 0).</summary>
    public int BoundPort { get; }

    /// <summary><c>ip:port</c> others reach this agent at (also MESOS_AGENT_ENDPOINT of its tasks).</summary>
    public string Endpoint { get; }

    /// <summary>The id the master gave this agent (recovered from work_dir before the first registration).</summary>
    public string? AgentId => _runtime.Snapshot.AgentId;

    /// <summary>Completes when a master first admits the agent.</summary>
    public Task Registered => _runtime.Registered;

    /// <summary>Validates the options, recovers the agent id, detects resources, starts HTTP and connects to the master.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem by flag.</exception>
    public static Task<AgentHost> StartAsync(AgentOptions options, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        string? isolation = null;
        var isolator = options is not null && options.Validate().Count == 0
            ? IsolationSetup.Create(
                options.Isolation, options.CgroupsHierarchy, options.CgroupsRoot, options.CgroupsEnableCfs, CgroupFileSystem.Instance, time,
                loggerFactory.CreateLogger("Regatta.Agent.Isolation"), out isolation)
            : null;

        // /flags shows the isolation in use, also when it was chosen automatically.
        options = isolation is null ? options! : options! with { Isolation = isolation };
        var containerizer = new ProcessContainerizer(loggerFactory.CreateLogger<ProcessContainerizer>(), time, options?.SwitchUser ?? true, isolator);
        return StartAsync(options!, loggerFactory, time, DockerSetup.Compose(options, containerizer, loggerFactory, time), new Random(), cancellationToken);
    }

    /// <summary>The seam for tests and simulations: a chosen containerizer and a seeded random source.</summary>
    internal static async Task<AgentHost> StartAsync(
        AgentOptions options, ILoggerFactory loggerFactory, TimeProvider time, IContainerizer containerizer, Random random, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid agent options:\n" + string.Join("\n", errors), nameof(options));
        }

        var logger = loggerFactory.CreateLogger("Regatta.Agent");
        MasterAddress.TryParse(options.Master, out var master, out _);
        var paths = new AgentPaths(options.WorkDir);
        Directory.CreateDirectory(paths.WorkDir);
        var idStore = new AgentIdStore(paths);
        var agentId = options.RecoverReconnect ? idStore.TryRecover() : null;
        if (agentId is not null)
        {
            logger.AgentIdRecovered(agentId, paths.LatestAgentPointer);
        }
        else if (!options.RecoverReconnect)
        {
            // --recover=cleanup: the tasks of the previous run are killed (in RecoverAsync) and this is a new agent.
            idStore.Forget();
        }

        var given = string.IsNullOrWhiteSpace(options.Resources) ? ResourceSet.Empty : ResourceText.Parse(options.Resources, options.DefaultRole);
        var resources = ResourceDetection.Complete(given, MachineProbe.Probe(paths.WorkDir), options.DefaultRole);
        var attributes = string.IsNullOrWhiteSpace(options.Attributes) ? Attributes.Empty : AttributeText.Parse(options.Attributes);
        var hostname = options.Hostname ?? Dns.GetHostName();

        var httpContext = new AgentHttpContext(paths, time);
        var web = BuildWebApplication(options, loggerFactory, httpContext);
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        var boundPort = BoundPortOf(web, options.Port);
        var advertisedIp = AdvertisedIp(options, hostname);

        var config = new AgentCoreConfig(
            hostname,
            boundPort,
            advertisedIp,
            resources,
            attributes,
            paths,
            options.DefaultKillGracePeriod,
            options.ExecutorShutdownGracePeriod,
            options.StatusUpdateRetryMin,
            options.StatusUpdateRetryMax,
            AgentVersion.Mesos)
        {
            DockerEnabled = options.DockerEnabled,
        };
        var core = new AgentCore(config, agentId, new Random(random.Next()), logger);
        var fetcher = Fetcher.UriFetcher.Create(options.FetcherCacheDir, options.FetcherCacheSize, time, loggerFactory.CreateLogger("Regatta.Agent.Fetcher"));
        var runtime = new AgentRuntime(core, containerizer, idStore, time, logger, fetcher);
        httpContext.Identity = new AgentIdentity(
            hostname, advertisedIp, boundPort, time.GetUtcNow(), AgentVersion.Mesos, resources, attributes, options.EffectiveFlags(), paths.WorkDir);
        httpContext.Snapshot = () => runtime.Snapshot;
        httpContext.Statistics = containerizer as IContainerStatistics;
        await runtime.RecoverAsync(new TaskCheckpointStore(paths), paths, cancellationToken).ConfigureAwait(false);
        runtime.Start();

        var stopping = new CancellationTokenSource();
        var connection = new MasterConnection(
            master,
            runtime,
            time,
            new Random(random.Next()),
            options.RegistrationBackoffFactor,
            options.RegistrationBackoffMax,
            options.DefaultPingInterval,
            logger);
        var connectionTask = Task.Run(() => connection.RunAsync(stopping.Token), CancellationToken.None);
        logger.AgentStarted($"{advertisedIp}:{boundPort}", paths.WorkDir, resources.ToText());
        return new AgentHost(web, runtime, stopping, connectionTask, boundPort, advertisedIp, options.ExecutorShutdownGracePeriod)
        {
            _killTasksOnShutdown = options.KillTasksOnShutdown,
            _logger = logger,
        };
    }

    /// <summary>Kills the running tasks (bounded by the executor shutdown grace period) unless they are to keep running
    /// for the next agent (<see cref="AgentOptions.KillTasksOnShutdown"/>), lets their last updates leave, closes the
    /// master connection and stops the HTTP server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_killTasksOnShutdown)
        {
            await _runtime.KillAllAsync(_shutdownGrace, _shutdownGrace + TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            _logger?.LeavingTasksRunning(_runtime.Snapshot.LiveTaskStates.Values.Sum());
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _connection.ConfigureAwait(false);
        await _runtime.DisposeAsync().ConfigureAwait(false);
        await _web.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static WebApplication BuildWebApplication(AgentOptions options, ILoggerFactory loggerFactory, AgentHttpContext httpContext)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Regatta.Agent" });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(options.Ip), options.Port);
            kestrel.Limits.MaxRequestBodySize = 1 << 20;
        });
        var web = builder.Build();
        AgentEndpoints.Map(web, httpContext);
        return web;
    }

    private static int BoundPortOf(WebApplication web, int requested)
    {
        var addresses = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Port > 0)
            {
                return uri.Port;
            }
        }

        return requested;
    }

    private static string AdvertisedIp(AgentOptions options, string hostname)
    {
        if (options.AdvertiseIp is { } advertise)
        {
            return advertise;
        }

        var bind = IPAddress.Parse(options.Ip);
        if (!bind.Equals(IPAddress.Any) && !bind.Equals(IPAddress.IPv6Any))
        {
            return options.Ip;
        }

        try
        {
            var resolved = Dns.GetHostAddresses(hostname).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
            return resolved?.ToString() ?? IPAddress.Loopback.ToString();
        }
        catch (SocketException)
        {
            return IPAddress.Loopback.ToString();
        }
    }
}
