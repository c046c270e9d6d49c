using Regatta.Coordination.Store;

namespace Regatta.Coordination.Tests.Store;

public sealed class SqliteStateStoreTests : StateStoreConformanceTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "regatta-store-" + Guid.NewGuid().ToString("N"));

    protected override bool IsDurable => true;

    private string DatabasePath => Path.Combine(_directory, "master", "registry.db");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override async Task<IStateStore> OpenAsync() => await SqliteStateStore.OpenAsync(DatabasePath, CancellationToken.None);

    [Fact]
    public async Task OpenAsync_MissingFolder_CreatesDatabaseInWalMode()
    {
        Assert.True(File.Exists(DatabasePath));
        await Store.ApplyAsync([StoreMutation.Put("k", [1])], CancellationToken.None);

        Assert.True(File.Exists(DatabasePath + "-wal"));
    }
}
