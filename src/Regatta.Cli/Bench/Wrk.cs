using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Regatta.Cli.Bench;

/// <summary>What one wrk run measured: throughput, the latency distribution (ms) and the failed requests.</summary>
internal sealed record WrkResult(string Command, long Requests, double RequestsPerSecond, double P50Ms, double P75Ms, double P90Ms, double P99Ms, double MaxMs, long Errors);

/// <summary>
/// Runs <c>wrk --latency</c> (the Debian package <c>wrk</c>) against one URL and reads its report. wrk leaves requests
/// that time out out of its latency distribution, so its <c>--timeout</c> is set well above anything expected and
/// timeouts are counted as errors.
/// </summary>
internal static partial class Wrk
{
    /// <summary>The wrk executable on PATH, or null when it is not installed.</summary>
    public static string? Find()
    {
        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var path = Path.Combine(dir, "wrk");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    public static async Task<WrkResult> RunAsync(string wrk, Uri url, int threads, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        string[] args = ["--latency", $"-t{threads}", $"-c{connections}", $"-d{(int)Math.Ceiling(duration.TotalSeconds)}s", "--timeout", "30s", url.ToString()];
        var psi = new ProcessStartInfo(wrk) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start wrk");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}{output}");
        }

        return Parse("wrk " + string.Join(' ', args), output);
    }

    internal static WrkResult Parse(string command, string output)
    {
        double Quantile(string q) => Distribution().Matches(output).FirstOrDefault(m => m.Groups[1].Value == q) is { } m
            ? ToMs(m.Groups[2].Value, m.Groups[3].Value)
            : double.NaN;

        var max = LatencyStats().Match(output) is { Success: true } stats ? ToMs(stats.Groups[1].Value, stats.Groups[2].Value) : double.NaN;
        var requests = Summary().Match(output) is { Success: true } summary ? long.Parse(summary.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var rps = RequestsPerSecond().Match(output) is { Success: true } r ? double.Parse(r.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
        var errors = NonSuccess().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        if (SocketErrors().Match(output) is { Success: true } socket)
        {
            errors += Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture));
        }

        return new WrkResult(command, requests, rps, Quantile("50"), Quantile("75"), Quantile("90"), Quantile("99"), max, errors);
    }

    private static double ToMs(string value, string unit)
    {
        var v = double.Parse(value, CultureInfo.InvariantCulture);
        return Math.Round(unit switch
        {
            "us" => v / 1000,
            "ms" => v,
            "s" => v * 1000,
            "m" => v * 60_000,
            "h" => v * 3_600_000,
            _ => throw new FormatException($"unknown wrk time unit '{unit}'"),
        }, 3);
    }

    [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m|h)\s*$", RegexOptions.Multiline)]
    private static partial Regex Distribution();

    [GeneratedRegex(@"^\s+Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m|h)", RegexOptions.Multiline)]
    private static partial Regex LatencyStats();

    [GeneratedRegex(@"^\s+(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex Summary();

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
