using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Health;
using Regatta.Agent.Posix;
using Regatta.Agent.Runtime;
using Regatta.Agent.Tests.Fetcher;
using Regatta.Agent.Tests.Support;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Health;

public sealed class HealthCheckRunnerTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _dir = new();
    private readonly Channel<HealthDecision> _decisions = Channel.CreateUnbounded<HealthDecision>();

    [Fact]
    public async Task Tcp_ListenerThenClosed_HealthyThenUnhealthyThenKill()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var runner = Start(V1.HealthCheck.Types.Type.Tcp, new TcpHealthProbe(port), failures: 2);

        Assert.Equal(new HealthDecision(true, false), await NextAsync());
        listener.Stop();

        Assert.Equal(new HealthDecision(false, false), await NextAsync());
        Assert.Equal(new HealthDecision(null, true), await NextAsync());
    }

    [Fact]
    public async Task Http_OkThenServerErrors_HealthyThenUnhealthyThenKill()
    {
        await using var server = await LocalHttpServer.StartAsync((context, hit) =>
        {
            context.Response.StatusCode = context.Request.Path == "/health" && hit <= 2 ? 200 : 503;
            return Task.CompletedTask;
        });
        using var http = new HttpClient();
        var probe = new HttpHealthProbe(http, new Uri(server.Url("/health")), new HashSet<int>());
        await using var runner = Start(V1.HealthCheck.Types.Type.Http, probe, failures: 2);

        Assert.Equal(new HealthDecision(true, false), await NextAsync());
        Assert.Equal(new HealthDecision(false, false), await NextAsync());
        Assert.Equal(new HealthDecision(null, true), await NextAsync());
        Assert.Equal(4, server.Hits);
    }

    [Fact]
    public async Task HttpProbe_StatusesListed_OnlyThoseCount()
    {
        await using var server = await LocalHttpServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = context.Request.Path == "/redirect" ? 302 : 204;
            return Task.CompletedTask;
        });
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });

        Assert.Null(await new HttpHealthProbe(http, new Uri(server.Url("/")), new HashSet<int>()).CheckAsync(CancellationToken.None));
        Assert.Null(await new HttpHealthProbe(http, new Uri(server.Url("/redirect")), new HashSet<int>()).CheckAsync(CancellationToken.None));
        var problem = await new HttpHealthProbe(http, new Uri(server.Url("/")), new HashSet<int> { 200 }).CheckAsync(CancellationToken.None);
        Assert.Contains("returned 204", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandProbe_RunsInSandboxWithTaskEnvironment()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir.Path, "ready"), "");
        var environment = new Dictionary<string, string> { ["TASK_VAR"] = "task", ["PATH"] = "/usr/bin:/bin" };
        var command = new V1.CommandInfo { Value = "test -f ready && test \"$TASK_VAR\" = task && test \"$CHECK_VAR\" = check" };
        command.Environment = new V1.Environment();
        command.Environment.Variables.Add(new V1.Environment.Types.Variable { Name = "CHECK_VAR", Value = "check" });

        Assert.Null(await new CommandHealthProbe(command, _dir.Path, environment).CheckAsync(CancellationToken.None));

        var failing = new V1.CommandInfo { Value = "exit 3" };
        Assert.Contains("exited with status 3", await new CommandHealthProbe(failing, _dir.Path, environment).CheckAsync(CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandProbe_AgentIsRootAndTaskHasAUser_RunsAsThatUser()
    {
        var nobody = UserDatabase.Find("nobody");
        if (!UserDatabase.IsRoot || nobody is null)
        {
            return; // Switching users needs a root agent and a 'nobody' account.
        }

        var command = new V1.CommandInfo { Value = $"test \"$(id -u)\" = {nobody.Uid}" };
        var environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" };

        Assert.Null(await new CommandHealthProbe(command, _dir.Path, environment, nobody).CheckAsync(CancellationToken.None));
        Assert.NotNull(await new CommandHealthProbe(command, _dir.Path, environment).CheckAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Supervisor_CommandCheckForAnUnknownUser_FailsInsteadOfRunningAsRoot()
    {
        if (!UserDatabase.IsRoot)
        {
            return; // A non-root agent runs every check as itself.
        }

        var inbox = new RecordingInbox();
        await using var supervisor = new HealthCheckSupervisor(inbox, TimeProvider.System, NullLogger.Instance);
        var check = new V1.HealthCheck
        {
            Type = V1.HealthCheck.Types.Type.Command,
            Command = new V1.CommandInfo { Value = "true" },
            DelaySeconds = 0,
            GracePeriodSeconds = 0,
            ConsecutiveFailures = 1,
        };

        supervisor.Start(new Regatta.Agent.Core.TaskKey("F", "t"), "c1", check, _dir.Path, new Dictionary<string, string>(), "no-such-user-xyz");

        using var timeout = new CancellationTokenSource(Bound);
        var input = Assert.IsType<AgentInput.TaskHealthChanged>(await inbox.Inputs.Reader.ReadAsync(timeout.Token));
        Assert.Equal(false, input.Healthy);
        Assert.True(input.Kill);
    }

    [Fact]
    public async Task Command_Hangs_TimesOutAndCountsAsFailure()
    {
        var probe = new CommandHealthProbe(new V1.CommandInfo { Value = "sleep 30" }, _dir.Path, new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" });
        var clock = Stopwatch.StartNew();
        await using var runner = Start(V1.HealthCheck.Types.Type.Command, probe, failures: 1, timeout: TimeSpan.FromMilliseconds(300));

        Assert.Equal(new HealthDecision(false, true), await NextAsync());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    public void Dispose() => _dir.Dispose();

    private sealed class RecordingInbox : IAgentInbox
    {
        public Channel<AgentInput> Inputs { get; } = Channel.CreateUnbounded<AgentInput>();

        public void Post(AgentInput input) => Inputs.Writer.TryWrite(input);
    }

    private HealthCheckRunner Start(V1.HealthCheck.Types.Type type, IHealthProbe probe, int failures, TimeSpan? timeout = null)
    {
        var policy = new HealthCheckPolicy(type, TimeSpan.Zero, TimeSpan.FromMilliseconds(50), timeout ?? TimeSpan.FromSeconds(5), failures, TimeSpan.Zero);
        var runner = new HealthCheckRunner("t", policy, probe, TimeProvider.System, d => _decisions.Writer.TryWrite(d), NullLogger.Instance);
        runner.Start();
        return runner;
    }

    private async Task<HealthDecision> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Bound);
        return await _decisions.Reader.ReadAsync(timeout.Token);
    }
}
