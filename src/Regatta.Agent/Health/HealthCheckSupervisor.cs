using System.Globalization;
using System.Net.Http;
using System.Net.Security;
using Microsoft.Extensions.Logging;
using Regatta.Agent.Core;
using Regatta.Agent.Posix;
using Regatta.Agent.Runtime;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Health;

/// <summary>
/// The runtime's side of health checking: one <see cref="HealthCheckRunner"/> per running container whose task has a
/// health check, started when the task is RUNNING and stopped when it is killed or exits. Decisions come back to the
/// agent loop as <see cref="AgentInput.TaskHealthChanged"/>. Called from the agent loop only.
/// </summary>
internal sealed class HealthCheckSupervisor(IAgentInbox inbox, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly Dictionary<string, HealthCheckRunner> _runners = new(StringComparer.Ordinal);
    private readonly List<Task> _stopping = [];
    private HttpClient? _http;

    public int Count => _runners.Count;

    /// <summary>Starts checking; a COMMAND check runs as <paramref name="user"/> when the agent is root (never as root on
    /// behalf of another user's task).</summary>
    public void Start(TaskKey task, string containerId, V1.HealthCheck check, string sandbox, IReadOnlyDictionary<string, string> environment, string? user)
    {
        if (_runners.ContainsKey(containerId) || HealthCheckPolicy.Validate(check) is not null)
        {
            return;
        }

        var policy = HealthCheckPolicy.From(check);
        var probe = CreateProbe(policy.Type, check, sandbox, environment, user);
        var runner = new HealthCheckRunner(
            task.TaskId,
            policy,
            probe,
            time,
            decision => inbox.Post(new AgentInput.TaskHealthChanged(task, containerId, decision.ReportHealthy, decision.Kill)),
            logger);
        _runners.Add(containerId, runner);
        logger.HealthCheckStarting(policy.Type.ToString().ToUpperInvariant(), task.TaskId, containerId, policy.Delay);
        runner.Start();
    }

    public void Stop(string containerId)
    {
        if (_runners.Remove(containerId, out var runner))
        {
            _stopping.RemoveAll(t => t.IsCompleted);
            _stopping.Add(runner.DisposeAsync().AsTask());
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var containerId in _runners.Keys.ToList())
        {
            Stop(containerId);
        }

        await Task.WhenAll(_stopping).ConfigureAwait(false);
        _http?.Dispose();
    }

    private IHealthProbe CreateProbe(V1.HealthCheck.Types.Type type, V1.HealthCheck check, string sandbox, IReadOnlyDictionary<string, string> environment, string? user)
    {
        switch (type)
        {
            case V1.HealthCheck.Types.Type.Http:
                var http = check.Http;
                var scheme = http.HasScheme ? http.Scheme : "http";
                var path = http.HasPath ? http.Path : "/";
                var url = new Uri($"{scheme}://127.0.0.1:{http.Port.ToString(CultureInfo.InvariantCulture)}{path}");
                return new HttpHealthProbe(_http ??= CreateHttpClient(), url, http.Statuses.Select(s => (int)s).ToHashSet());
            case V1.HealthCheck.Types.Type.Tcp:
                return new TcpHealthProbe((int)check.Tcp.Port);
            default:
                if (user is { Length: > 0 } && UserDatabase.IsRoot)
                {
                    var account = UserDatabase.Find(user);
                    return account is null
                        ? new FailingHealthProbe($"cannot run the health check command as user '{user}': no such user on this agent")
                        : new CommandHealthProbe(check.Command, sandbox, environment, account.Uid == 0 ? null : account);
                }

                return new CommandHealthProbe(check.Command, sandbox, environment);
        }
    }

    private static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            SslOptions = new SslClientAuthenticationOptions
            {
                // The check targets the task's own endpoint on 127.0.0.1; its certificate cannot name that address.
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
