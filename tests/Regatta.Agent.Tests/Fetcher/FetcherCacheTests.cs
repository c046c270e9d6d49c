using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Fetcher;
using Regatta.Agent.Tests.Support;

namespace Regatta.Agent.Tests.Fetcher;

public sealed class FetcherCacheTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<string> _downloads = [];

    [Fact]
    public async Task CopyTo_Full_EvictsLeastRecentlyUsedFirst()
    {
        using var cache = new FetcherCache(Path.Combine(_dir.Path, "cache"), 10, NullLogger.Instance);

        Assert.False(await GetAsync(cache, "a"));
        Assert.False(await GetAsync(cache, "b"));
        Assert.True(await GetAsync(cache, "a"));
        Assert.False(await GetAsync(cache, "c"));

        Assert.Equal(8, cache.Size);
        Assert.True(await GetAsync(cache, "a"));
        Assert.True(await GetAsync(cache, "c"));
        Assert.False(await GetAsync(cache, "b"));
        Assert.Equal(["a", "b", "c", "b"], _downloads);
        Assert.Equal(2, Directory.GetFiles(cache.Directory).Length);
    }

    [Fact]
    public async Task CopyTo_SameUriOtherUser_IsAnotherEntry()
    {
        using var cache = new FetcherCache(Path.Combine(_dir.Path, "cache"), 100, NullLogger.Instance);

        Assert.False(await GetAsync(cache, "a", user: "alice"));
        Assert.False(await GetAsync(cache, "a", user: "bob"));
        Assert.True(await GetAsync(cache, "a", user: "alice"));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task CopyTo_LargerThanTheCache_IsDeliveredButNotKept()
    {
        using var cache = new FetcherCache(Path.Combine(_dir.Path, "cache"), 3, NullLogger.Instance);

        Assert.False(await GetAsync(cache, "big"));

        Assert.Equal("big!", await File.ReadAllTextAsync(Path.Combine(_dir.Path, "out")));
        Assert.Equal(0, cache.Count);
        Assert.Empty(Directory.GetFiles(cache.Directory));
    }

    [Fact]
    public async Task CopyTo_StaleFilesFromAnEarlierRun_AreDeletedOnFirstUse()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_dir.Path, "cache")).FullName;
        var stale = Path.Combine(directory, new string('0', 64) + ".cache");
        await File.WriteAllTextAsync(stale, "old");
        using var cache = new FetcherCache(directory, 100, NullLogger.Instance);

        await GetAsync(cache, "a");

        Assert.False(File.Exists(stale));
    }

    [Fact]
    public async Task CopyTo_DownloadFails_LeavesNoEntry()
    {
        using var cache = new FetcherCache(Path.Combine(_dir.Path, "cache"), 100, NullLogger.Instance);

        await Assert.ThrowsAsync<IOException>(() => cache.CopyToAsync(null, "u", Path.Combine(_dir.Path, "out"), (_, _) => throw new IOException("boom"), CancellationToken.None));

        Assert.Equal(0, cache.Count);
        Assert.Empty(Directory.GetFiles(cache.Directory));
    }

    public void Dispose() => _dir.Dispose();

    private Task<bool> GetAsync(FetcherCache cache, string name, string user = "u") =>
        cache.CopyToAsync(user, "http://h/" + name, Path.Combine(_dir.Path, "out"), async (path, ct) =>
        {
            _downloads.Add(name);
            await File.WriteAllTextAsync(path, name.PadRight(name.Length == 1 ? 4 : 3, '!') + (name.Length > 1 ? "!" : ""), ct);
        }, CancellationToken.None);
}
