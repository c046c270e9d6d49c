using System.Collections.Concurrent;
using Regatta.Services.Health;

namespace Regatta.Services.Tests.Health;

/// <summary>
/// Records every probe and answers from a script: by default at once (so a runner on a manual clock reports inside
/// <c>Advance</c>), or not until the test completes the pending answer.
/// </summary>
internal sealed class FakeProber(TimeProvider time) : IHealthProber, IReadinessProber
{
    private readonly ConcurrentQueue<Func<ReadinessTarget, ReadinessResult>> readinessScript = new();

    public ConcurrentQueue<(string What, DateTimeOffset At)> Calls { get; } = new();

    /// <summary>When set, health probes wait for this task instead of answering at once.</summary>
    public TaskCompletionSource<ProbeResult>? Pending { get; set; }

    /// <summary>Tokens the probes were given, to see cancellation.</summary>
    public ConcurrentQueue<CancellationToken> Tokens { get; } = new();

    public Func<HealthProbeTarget, ProbeResult> Answer { get; set; } = _ => ProbeResult.Healthy(default);

    public void Script(params bool[] ready)
    {
        foreach (var r in ready)
        {
            readinessScript.Enqueue(t => new ReadinessResult(t.Name, t.TaskId, r, null, time.GetUtcNow()));
        }
    }

    public async Task<ProbeResult> ProbeAsync(HealthProbeTarget target, CancellationToken cancellationToken)
    {
        Calls.Enqueue(($"{target.Host}:{target.Port}", time.GetUtcNow()));
        Tokens.Enqueue(cancellationToken);
        if (Pending is { } pending)
        {
            return await pending.Task.WaitAsync(cancellationToken);
        }

        return Answer(target) with { At = time.GetUtcNow() };
    }

    public Task<ReadinessResult> CheckAsync(ReadinessTarget target, CancellationToken cancellationToken)
    {
        Calls.Enqueue((target.TaskId, time.GetUtcNow()));
        var next = readinessScript.TryDequeue(out var answer) ? answer : t => new ReadinessResult(t.Name, t.TaskId, false, null, time.GetUtcNow());
        return Task.FromResult(next(target));
    }
}
