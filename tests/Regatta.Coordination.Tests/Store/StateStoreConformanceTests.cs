using System.Text;
using Regatta.Coordination.Store;

namespace Regatta.Coordination.Tests.Store;

/// <summary>
/// The behaviour every <see cref="IStateStore"/> must show; each implementation runs the same suite.
/// </summary>
public abstract class StateStoreConformanceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected IStateStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await OpenAsync();

    public async Task DisposeAsync() => await Store.DisposeAsync();

    /// <summary>Opens the store under test; called again by reopen tests to simulate a restart.</summary>
    protected abstract Task<IStateStore> OpenAsync();

    /// <summary>Whether state survives disposing and reopening the store.</summary>
    protected abstract bool IsDurable { get; }

    [Fact]
    public async Task GetAsync_MissingKey_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync("agents/none", None));
    }

    [Fact]
    public async Task ApplyAsync_Put_ValueReadBack()
    {
        await Store.ApplyAsync([StoreMutation.Put("agents/a", Bytes("one"))], None);

        Assert.Equal("one", Text(await Store.GetAsync("agents/a", None)));
    }

    [Fact]
    public async Task ApplyAsync_PutTwice_LastValueWins()
    {
        await Store.ApplyAsync([StoreMutation.Put("k", Bytes("one"))], None);
        await Store.ApplyAsync([StoreMutation.Put("k", Bytes("two"))], None);

        Assert.Equal("two", Text(await Store.GetAsync("k", None)));
    }

    [Fact]
    public async Task ApplyAsync_SameKeyTwiceInOneBatch_LaterMutationWins()
    {
        await Store.ApplyAsync(
            [StoreMutation.Put("k", Bytes("one")), StoreMutation.Put("k", Bytes("two")), StoreMutation.Put("j", Bytes("x")), StoreMutation.Delete("j")],
            None);

        Assert.Equal("two", Text(await Store.GetAsync("k", None)));
        Assert.Null(await Store.GetAsync("j", None));
    }

    [Fact]
    public async Task ApplyAsync_Delete_RemovesKey()
    {
        await Store.ApplyAsync([StoreMutation.Put("k", Bytes("one"))], None);
        await Store.ApplyAsync([StoreMutation.Delete("k")], None);

        Assert.Null(await Store.GetAsync("k", None));
        Assert.Empty(await Store.ListAsync("", None));
    }

    [Fact]
    public async Task ApplyAsync_DeleteMissingKey_IsNoOp()
    {
        await Store.ApplyAsync([StoreMutation.Delete("missing")], None);

        Assert.Empty(await Store.ListAsync("", None));
    }

    [Fact]
    public async Task ApplyAsync_EmptyValue_StoredAsEmptyNotDeleted()
    {
        await Store.ApplyAsync([StoreMutation.Put("k", [])], None);

        var value = await Store.GetAsync("k", None);
        Assert.NotNull(value);
        Assert.Empty(value);
    }

    [Fact]
    public async Task ApplyAsync_EmptyKey_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ApplyAsync([StoreMutation.Put("", Bytes("x"))], None));
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsOnlyMatchingKeysInOrdinalOrder()
    {
        await Store.ApplyAsync(
            [
                StoreMutation.Put("tasks/f1/b", Bytes("2")),
                StoreMutation.Put("tasks/f1/a", Bytes("1")),
                StoreMutation.Put("tasks/f10/a", Bytes("3")),
                StoreMutation.Put("tasks/F1/a", Bytes("4")),
                StoreMutation.Put("agents/x", Bytes("5")),
                StoreMutation.Put("tasks/f1", Bytes("6")),
            ],
            None);

        var listed = await Store.ListAsync("tasks/f1/", None);

        Assert.Equal(["tasks/f1/a", "tasks/f1/b"], listed.Select(e => e.Key));
        Assert.Equal(["1", "2"], listed.Select(e => Text(e.Value)));
    }

    [Fact]
    public async Task ListAsync_EmptyPrefix_ReturnsEverything()
    {
        await Store.ApplyAsync([StoreMutation.Put("b", Bytes("2")), StoreMutation.Put("a", Bytes("1"))], None);

        var listed = await Store.ListAsync("", None);

        Assert.Equal(["a", "b"], listed.Select(e => e.Key));
    }

    [Fact]
    public async Task ListAsync_PrefixWithLikeWildcards_TreatedLiterally()
    {
        await Store.ApplyAsync([StoreMutation.Put("a%b/1", Bytes("1")), StoreMutation.Put("axb/1", Bytes("2")), StoreMutation.Put("a_b/1", Bytes("3"))], None);

        Assert.Equal(["a%b/1"], (await Store.ListAsync("a%b", None)).Select(e => e.Key));
        Assert.Equal(["a_b/1"], (await Store.ListAsync("a_b", None)).Select(e => e.Key));
    }

    [Fact]
    public async Task ListAsync_NonAsciiKeys_RoundTrip()
    {
        await Store.ApplyAsync([StoreMutation.Put("tasks/é/✓", Bytes("1"))], None);

        Assert.Equal(["tasks/é/✓"], (await Store.ListAsync("tasks/é", None)).Select(e => e.Key));
    }

    [Fact]
    public async Task GetAsync_ReturnedArrayMutated_StoredValueUnchanged()
    {
        await Store.ApplyAsync([StoreMutation.Put("k", Bytes("abc"))], None);

        var first = await Store.GetAsync("k", None);
        first![0] = (byte)'z';

        Assert.Equal("abc", Text(await Store.GetAsync("k", None)));
    }

    [Fact]
    public async Task ApplyAsync_ConcurrentBatches_AllApplied()
    {
        var writes = Enumerable.Range(0, 200)
            .Select(i => Store.ApplyAsync([StoreMutation.Put($"n/{i:D4}", Bytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))], None))
            .ToArray();
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30));

        var listed = await Store.ListAsync("n/", None);

        Assert.Equal(200, listed.Count);
        Assert.Equal("199", Text(listed[^1].Value));
    }

    [Fact]
    public async Task ApplyAsync_LargeValue_RoundTrips()
    {
        var value = new byte[2 * 1024 * 1024];
        new Random(7).NextBytes(value);

        await Store.ApplyAsync([StoreMutation.Put("big", value)], None);

        Assert.Equal(value, await Store.GetAsync("big", None));
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsStateOnlyWhenDurable()
    {
        await Store.ApplyAsync([StoreMutation.Put("agents/a", Bytes("one")), StoreMutation.Put("agents/b", Bytes("two"))], None);
        await Store.ApplyAsync([StoreMutation.Delete("agents/b")], None);
        await Store.DisposeAsync();

        Store = await OpenAsync();

        var listed = await Store.ListAsync("agents/", None);
        if (IsDurable)
        {
            Assert.Equal(["agents/a"], listed.Select(e => e.Key));
        }
        else
        {
            Assert.Empty(listed);
        }
    }

    [Fact]
    public async Task ApplyAsync_AfterDispose_Throws()
    {
        await Store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Store.ApplyAsync([StoreMutation.Put("k", Bytes("v"))], None));

        Store = await OpenAsync();
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Text(byte[]? value) => value is null ? null : Encoding.UTF8.GetString(value);
}
