using System.Globalization;
using Regatta.Agent.Posix;

namespace Regatta.Agent.Tests.Support;

/// <summary>Looks at processes from the outside, treating zombies (dead, not yet reaped by init) as dead.</summary>
internal static class ProcessProbe
{
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static async Task<IReadOnlyList<int>> ReadPidsAsync(string file, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (File.Exists(file))
            {
                var pids = File.ReadAllLines(file).Where(l => l.Length > 0)
                    .Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
                if (pids.Count >= count)
                {
                    return pids;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{file} did not list {count} pids in time");
            }

            await Task.Delay(20);
        }
    }

    public static async Task<bool> AllDeadAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (pids.Any(IsAlive))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test when it does not within the timeout.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(20);
        }
    }

    public static void KillQuietly(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            Libc.Kill(pid, Libc.SIGKILL);
        }
    }
}
