using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Regatta.Agent.Fetcher;

/// <summary>
/// The agent's fetcher cache (<c>--fetcher_cache_dir</c>, <c>--fetcher_cache_size</c>): files keyed by (user, URI),
/// evicted least recently used first once their total size would exceed the capacity. A file larger than the whole
/// cache is fetched straight into the sandbox. Like Mesos, the cache starts empty: entries left by an earlier agent
/// run are deleted on first use. Operations are serialised, so an entry is never evicted while it is copied out.
/// </summary>
internal sealed class FetcherCache(string directory, long capacity, ILogger logger) : IDisposable
{
    private const string Suffix = ".cache";
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private bool _initialised;
    private long _clock;

    public string Directory => directory;

    public long Capacity => capacity;

    /// <summary>Bytes currently held.</summary>
    public long Size => _entries.Values.Sum(e => e.Size);

    public int Count => _entries.Count;

    /// <summary>
    /// Copies the cached file for (<paramref name="user"/>, <paramref name="uri"/>) to <paramref name="destination"/>,
    /// first filling the cache through <paramref name="download"/> (which writes the file it is given) on a miss.
    /// Returns true on a cache hit.
    /// </summary>
    public async Task<bool> CopyToAsync(
        string? user, string uri, string destination, Func<string, CancellationToken, Task> download, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Initialise();
            var key = KeyOf(user, uri);
            if (_entries.TryGetValue(key, out var entry) && File.Exists(entry.Path))
            {
                entry.LastUsed = ++_clock;
                File.Copy(entry.Path, destination, overwrite: true);
                return true;
            }

            _entries.Remove(key);
            var path = System.IO.Path.Combine(directory, key + Suffix);
            var partial = path + ".partial";
            try
            {
                await download(partial, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                File.Delete(partial);
                throw;
            }

            var size = new FileInfo(partial).Length;
            if (size > capacity)
            {
                File.Move(partial, destination, overwrite: true);
                return false;
            }

            MakeRoom(size);
            File.Move(partial, path, overwrite: true);
            _entries[key] = new Entry(uri, path, size) { LastUsed = ++_clock };
            File.Copy(path, destination, overwrite: true);
            return false;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    private void Initialise()
    {
        if (_initialised)
        {
            return;
        }

        System.IO.Directory.CreateDirectory(directory);
        foreach (var stale in System.IO.Directory.EnumerateFiles(directory, "*" + Suffix + "*"))
        {
            File.Delete(stale);
        }

        _initialised = true;
    }

    private void MakeRoom(long incoming)
    {
        var total = Size;
        foreach (var (key, victim) in _entries.OrderBy(e => e.Value.LastUsed).ToList())
        {
            if (total + incoming <= capacity)
            {
                break;
            }

            File.Delete(victim.Path);
            _entries.Remove(key);
            total -= victim.Size;
            logger.CacheEvicted(victim.Uri, victim.Size, capacity);
        }
    }

    private static string KeyOf(string? user, string uri) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((user ?? "") + "\n" + uri)));

    private sealed record Entry(string Uri, string Path, long Size)
    {
        public long LastUsed { get; set; }
    }
}
