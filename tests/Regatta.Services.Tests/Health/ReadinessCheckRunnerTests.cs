using System.Collections.Concurrent;
using Regatta.Services.Health;
using Regatta.Testing;

namespace Regatta.Services.Tests.Health;

public sealed class ReadinessCheckRunnerTests(ProbeServer server) : IClassFixture<ProbeServer>
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider clock = new(T0);
    private readonly ConcurrentQueue<ReadinessResult> results = new();

    [Fact]
    public async Task Start_QueriesAtOnceThenAfterEachNotReadyAnswerUntilReady()
    {
        var prober = new FakeProber(clock);
        prober.Script(false, false, true);
        await using var runner = new ReadinessCheckRunner(prober, clock, results.Enqueue);

        runner.Start(Target("web.1"));
        Assert.Single(results);
        clock.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.Single(results);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(runner.IsRunning("web.1"));
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(["0:False", "3:False", "6:True"], results.Select(r => $"{(r.At - T0).TotalSeconds}:{r.Ready}"));
        Assert.Equal(3, prober.Calls.Count);
        Assert.Equal(0, runner.Count);
    }

    [Fact]
    public async Task Stop_EndsPolling()
    {
        var prober = new FakeProber(clock);
        await using var runner = new ReadinessCheckRunner(prober, clock, results.Enqueue);
        runner.Start(Target("web.1"));
        runner.Start(Target("web.2"));

        Assert.True(runner.Stop("web.1"));
        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(["web.1", "web.2", "web.2", "web.2"], results.Select(r => r.TaskId));
        Assert.True(runner.IsRunning("web.2"));
    }

    [Fact]
    public async Task Runner_OnRealTimeAgainstKestrel_ReportsTheLastResponseUntilReady()
    {
        using var prober = new NetworkProber(TimeProvider.System);
        await using var runner = new ReadinessCheckRunner(prober, TimeProvider.System, results.Enqueue);
        var target = Target("web.1") with
        {
            Url = new Uri($"http://127.0.0.1:{server.HttpPort}/warm"),
            Interval = TimeSpan.FromMilliseconds(50),
            Timeout = TimeSpan.FromSeconds(5),
            PreserveLastResponse = true,
        };

        runner.Start(target);
        await HealthCheckRunnerTests.Eventually(() => results.Any(r => r.Ready));

        Assert.Equal(
            ["503 text/plain warming up", "503 text/plain warming up", """200 application/json {"ready":true}"""],
            results.Select(r => $"{r.LastResponse!.Status} {r.LastResponse.ContentType} {r.LastResponse.Body}"));
        Assert.False(runner.IsRunning("web.1"));
    }

    [Fact]
    public async Task Start_UnresolvedPort_ReportsNotReadyWithTheProblem()
    {
        using var prober = new NetworkProber(clock);
        await using var runner = new ReadinessCheckRunner(prober, clock, results.Enqueue);

        runner.Start(Target("web.1") with { Url = null, Problem = "no port definition for port name 'http' was found" });
        await HealthCheckRunnerTests.Eventually(() => !results.IsEmpty);

        var result = Assert.Single(results);
        Assert.False(result.Ready);
        Assert.Equal(
            new ReadinessResponse(504, "text/plain", "Regatta could not query readiness check 'readinessCheck': no port definition for port name 'http' was found"),
            result.LastResponse);
    }

    [Fact]
    public async Task DisposeAsync_StopsPollingAndRefusesNewTasks()
    {
        var prober = new FakeProber(clock);
        var runner = new ReadinessCheckRunner(prober, clock, results.Enqueue);
        Assert.True(runner.Start(Target("web.1")));

        await runner.DisposeAsync();
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.False(runner.Start(Target("web.2")));
        Assert.Single(prober.Calls);
        Assert.Equal(0, runner.Count);
    }

    private static ReadinessTarget Target(string taskId) => new(
        taskId,
        "readinessCheck",
        new Uri("http://agent:31000/ready"),
        TimeSpan.FromSeconds(3),
        TimeSpan.FromSeconds(1),
        new HashSet<int> { 200 },
        PreserveLastResponse: true);
}
