using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Regatta.Protocol.V1;

using Task = System.Threading.Tasks.Task;

namespace Regatta.Cli.Bench;

/// <summary>
/// What the cluster-scale benchmarks share: starting this executable as a child process (master, agent, services),
/// waiting for it, simulated agents in waves, and reading a process's CPU time and memory from /proc.
/// </summary>
internal static class BenchHost
{
    /// <summary>Starts <c>regatta &lt;args&gt;</c> (this executable) as a child; its log goes to <paramref name="log"/> when verbose.</summary>
    public static Process StartRegatta(string name, IEnumerable<string> args, bool verbose, TextWriter log)
    {
        var self = typeof(BenchHost).Assembly.Location;
        var psi = new ProcessStartInfo(System.Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (self.EndsWith(".dll", StringComparison.Ordinal) && !(System.Environment.ProcessPath ?? "").EndsWith("regatta", StringComparison.Ordinal))
        {
            psi.ArgumentList.Add(self);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start the {name}");
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && verbose)
            {
                log.WriteLine($"{name}: " + e.Data);
            }
        };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    /// <summary>Starts a master on a free loopback port with its registry in <paramref name="workDir"/>; returns once healthy.</summary>
    public static async Task<(Process Process, Uri Endpoint)> StartMasterAsync(string workDir, bool verbose, TextWriter log, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var master = StartRegatta("master", ["master", "--ip=127.0.0.1", $"--port={port}", $"--work_dir={workDir}", "--hostname=127.0.0.1", verbose ? "--logging_level=INFO" : "--logging_level=WARNING"], verbose, log);
        var endpoint = new Uri($"http://127.0.0.1:{port}");
        try
        {
            await WaitHealthyAsync(new Uri(endpoint, "/master/health"), "master", cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Stop(master);
            throw;
        }

        return (master, endpoint);
    }

    /// <summary>Starts a real agent process and waits until the master lists it.</summary>
    public static async Task<Process> StartRealAgentAsync(Uri master, int agentPort, string workDir, string resources, IEnumerable<string> extraArgs, bool verbose, TextWriter log, CancellationToken cancellationToken)
    {
        var args = new List<string>
        {
            "agent", $"--master=127.0.0.1:{master.Port}", "--ip=127.0.0.1", $"--port={agentPort}", $"--work_dir={workDir}",
            "--hostname=127.0.0.1", $"--resources={resources}",
            verbose ? "--logging_level=INFO" : "--logging_level=WARNING",
        };
        args.AddRange(extraArgs);
        var agent = StartRegatta("agent", args, verbose, log);
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            var slaves = await http.GetStringAsync(new Uri(master, "/master/slaves"), cancellationToken).ConfigureAwait(false);
            if (JsonDocument.Parse(slaves).RootElement.GetProperty("slaves").GetArrayLength() == 1)
            {
                return agent;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        Stop(agent);
        throw new TimeoutException("the agent did not register within 60 s");
    }

    /// <summary>Waits until a real agent runs no task any more (after a teardown or deletions); false after 120 s.</summary>
    public static async Task<bool> WaitAgentIdleAsync(int agentPort, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until)
        {
            var state = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{agentPort}/state", cancellationToken).ConfigureAwait(false)).RootElement;
            var live = state.GetProperty("frameworks").EnumerateArray()
                .SelectMany(f => f.GetProperty("executors").EnumerateArray())
                .SelectMany(e => e.GetProperty("tasks").EnumerateArray())
                .Count(t => t.GetProperty("state").GetString() is "TASK_STAGING" or "TASK_STARTING" or "TASK_RUNNING" or "TASK_KILLING");
            if (live == 0)
            {
                return true;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>Connects <paramref name="count"/> simulated agents in waves of 200 and waits for each wave to register.</summary>
    public static async Task<List<SimulatedAgent>> ConnectSimulatedAgentsAsync(Uri master, int count, IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        var agents = new List<SimulatedAgent>(count);
        const int batch = 200;
        for (var i = 0; i < count; i += batch)
        {
            var wave = Enumerable.Range(i, Math.Min(batch, count - i))
                .Select(n => new SimulatedAgent(master, $"sim-{n:D5}", resources))
                .ToList();
            await Task.WhenAll(wave.Select(a => a.ConnectAsync(cancellationToken))).ConfigureAwait(false);
            await Task.WhenAll(wave.Select(a => a.Registered)).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            agents.AddRange(wave);
        }

        return agents;
    }

    public static Resource Scalar(string name, double value) =>
        new() { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = value } };

    public static Resource Ranges(string name, ulong begin, ulong end) => new()
    {
        Name = name,
        Type = Value.Types.Type.Ranges,
        Ranges = new Value.Types.Ranges { Range = { new Value.Types.Range { Begin = begin, End = end } } },
    };

    /// <summary>Kills the process and its children (tasks of a real agent that were not cleaned up included).</summary>
    public static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        process.Dispose();
    }

    /// <summary>Polls <paramref name="url"/> until it answers 2xx (30 s at most).</summary>
    public static async Task WaitHealthyAsync(Uri url, string what, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var r = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"the {what} did not become healthy within 30 s");
    }

    public static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>User + system CPU seconds a process has used (from /proc/PID/stat, in clock ticks of 1/100 s).</summary>
    public static double ReadCpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public static double ReadRssMb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return Math.Round(kb / 1024, 1);
            }
        }

        return double.NaN;
    }

    /// <summary>The 1-minute load average (the machine is shared: results are read against it).</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>The value at quantile <paramref name="q"/> of an ascending array (nearest rank), rounded to 0.01.</summary>
    public static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)], 2);
}
