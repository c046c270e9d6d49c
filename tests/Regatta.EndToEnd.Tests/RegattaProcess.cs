using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Regatta.EndToEnd.Tests;

/// <summary>
/// One real <c>regatta</c> process (the CLI built next to these tests) with its output captured, so end-to-end tests
/// exercise exactly what an operator runs, including being killed with SIGKILL.
/// </summary>
internal sealed class RegattaProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private RegattaProcess(Process process)
    {
        this.process = process;
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static RegattaProcess Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "regatta.dll"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // Tests must not pick up an operator's MESOS_* settings.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MESOS_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(key);
        }

        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start regatta");
        var rp = new RegattaProcess(p);
        p.OutputDataReceived += (_, e) => rp.Append(e.Data);
        p.ErrorDataReceived += (_, e) => rp.Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return rp;
    }

    public static async Task<(int ExitCode, string Output)> RunToExitAsync(TimeSpan timeout, params string[] args)
    {
        await using var p = Start(args);
        using var cts = new CancellationTokenSource(timeout);
        await p.process.WaitForExitAsync(cts.Token);
        return (p.process.ExitCode, p.Output);
    }

    public static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Polls a URL until it answers 2xx; fails with the process output if it never does.</summary>
    public async Task WaitForHttpAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"regatta exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var r = await http.GetAsync(url);
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not up yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} did not answer within {timeout}:\n{Output}");
    }

    public void KillHard()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit(10_000);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Leave it; the test run ends anyway.
            }
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
