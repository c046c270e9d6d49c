using System.Collections.Concurrent;
using Regatta.Services.Health;
using Regatta.Services.Model;
using Regatta.Testing;

namespace Regatta.Services.Tests.Health;

public sealed class HealthCheckRunnerTests(ProbeServer server) : IClassFixture<ProbeServer>
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider clock = new(T0);
    private readonly ConcurrentQueue<HealthProbeReport> reports = new();

    [Fact]
    public async Task Start_FirstProbeAfterFiveSecondsThenEveryInterval()
    {
        var prober = new FakeProber(clock);
        await using var runner = NewRunner(prober);

        runner.Start(Checked("web.1", Check(0, seconds: 60)));
        clock.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.Empty(reports);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        clock.Advance(TimeSpan.FromSeconds(120));

        Assert.Equal([T0.AddSeconds(5), T0.AddSeconds(65), T0.AddSeconds(125)], reports.Select(r => r.Result.At));
        Assert.All(reports, r => Assert.Equal(("web.1", 0, ProbeVerdict.Healthy), (r.TaskId, r.CheckIndex, r.Result.Verdict)));
    }

    [Fact]
    public async Task Start_IntervalShorterThanFiveSeconds_FirstProbeAfterOneInterval()
    {
        await using var runner = NewRunner(new FakeProber(clock));

        runner.Start(Checked("web.1", Check(0, seconds: 2), Check(3, seconds: 7)));
        clock.Advance(TimeSpan.FromSeconds(12));

        Assert.Equal(
            ["0@2", "0@4", "3@5", "0@6", "0@8", "0@10", "0@12", "3@12"],
            reports.Select(r => $"{r.CheckIndex}@{(r.Result.At - T0).TotalSeconds}"));
    }

    [Fact]
    public async Task Stop_EndsTheProbesOfThatTaskOnly()
    {
        await using var runner = NewRunner(new FakeProber(clock));
        runner.Start(Checked("web.1", Check(0, seconds: 10)));
        runner.Start(Checked("web.2", Check(0, seconds: 10)));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True(runner.Stop("web.1"));
        Assert.False(runner.Stop("web.1"));
        clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(["web.1", "web.2", "web.2", "web.2"], reports.Select(r => r.TaskId));
        Assert.False(runner.IsRunning("web.1"));
        Assert.True(runner.IsRunning("web.2"));
        Assert.Equal(1, runner.Count);
    }

    [Fact]
    public async Task Start_SameTaskAgain_ReplacesItsChecks()
    {
        var prober = new FakeProber(clock);
        await using var runner = NewRunner(prober);
        runner.Start(Checked("web.1", Check(0, seconds: 10)));
        clock.Advance(TimeSpan.FromSeconds(3));

        runner.Start(Checked("web.1", Check(1, seconds: 10)));
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(["1@8"], reports.Select(r => $"{r.CheckIndex}@{(r.Result.At - T0).TotalSeconds}"));
    }

    [Fact]
    public async Task Tick_WhileTheLastProbeIsOut_SkipsTheRun()
    {
        var prober = new FakeProber(clock) { Pending = new TaskCompletionSource<ProbeResult>() };
        await using var runner = NewRunner(prober);
        runner.Start(Checked("web.1", Check(0, seconds: 10)));

        clock.Advance(TimeSpan.FromSeconds(5));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Single(prober.Calls);
        Assert.Empty(reports);

        prober.Pending.SetResult(ProbeResult.Unhealthy(T0.AddSeconds(26), "slow"));
        await Eventually(() => !reports.IsEmpty);
        prober.Pending = null;
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, prober.Calls.Count);
        Assert.Equal(["slow", null], reports.Select(r => r.Result.Cause));
    }

    [Fact]
    public async Task Tick_UnresolvedPort_ReportsTheProblemWithoutProbing()
    {
        var prober = new FakeProber(clock);
        await using var runner = NewRunner(prober);

        runner.Start(new HealthCheckedTask("web.1", [new TaskHealthCheck(2, TimeSpan.FromSeconds(10), null, HealthTargets.NoEffectivePort)]));
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(prober.Calls);
        var report = Assert.Single(reports);
        Assert.Equal(new HealthProbeReport("web.1", 2, ProbeResult.Unhealthy(T0.AddSeconds(5), HealthTargets.NoEffectivePort)), report);
    }

    [Fact]
    public async Task Report_ThatThrows_DoesNotStopTheChecks()
    {
        var calls = 0;
        await using var runner = new HealthCheckRunner(new FakeProber(clock), clock, _ =>
        {
            calls++;
            throw new InvalidOperationException("consumer broke");
        });
        runner.Start(Checked("web.1", Check(0, seconds: 10)));

        clock.Advance(TimeSpan.FromSeconds(25));

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task DisposeAsync_CancelsProbesInFlightAndDropsTheirResults()
    {
        var prober = new FakeProber(clock) { Pending = new TaskCompletionSource<ProbeResult>() };
        var runner = NewRunner(prober);
        runner.Start(Checked("web.1", Check(0, seconds: 10)));
        clock.Advance(TimeSpan.FromSeconds(5));

        await runner.DisposeAsync();

        Assert.True(Assert.Single(prober.Tokens).IsCancellationRequested);
        Assert.Empty(reports);
        Assert.Equal(0, runner.Count);
        Assert.False(runner.Start(Checked("web.2", Check(0, seconds: 10))));
        Assert.False(runner.IsRunning("web.2"));
    }

    [Fact]
    public async Task Runner_OnRealTimeAgainstKestrel_ReportsHealthyRepeatedly()
    {
        using var prober = new NetworkProber(TimeProvider.System);
        var received = new ConcurrentQueue<HealthProbeReport>();
        await using var runner = new HealthCheckRunner(prober, TimeProvider.System, received.Enqueue);
        var target = new HealthProbeTarget(HealthCheckProtocol.Http, "127.0.0.1", server.HttpPort, "/ok", TimeSpan.FromSeconds(5));

        runner.Start(new HealthCheckedTask("web.1", [new TaskHealthCheck(0, TimeSpan.FromMilliseconds(100), target)]));
        await Eventually(() => received.Count >= 3);
        runner.Stop("web.1");

        Assert.All(received, r => Assert.Equal(ProbeVerdict.Healthy, r.Result.Verdict));
        Assert.True(server.OkHits >= 3);
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }

    private static HealthCheckedTask Checked(string id, params TaskHealthCheck[] checks) => new(id, checks);

    private static TaskHealthCheck Check(int index, int seconds) =>
        new(index, TimeSpan.FromSeconds(seconds), new HealthProbeTarget(HealthCheckProtocol.Http, "agent", 31000 + index, "/", TimeSpan.FromSeconds(1)));

    private HealthCheckRunner NewRunner(FakeProber prober) => new(prober, clock, reports.Enqueue);
}
