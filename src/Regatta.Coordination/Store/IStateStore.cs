namespace Regatta.Coordination.Store;

/// <summary>
/// A durable key-value store for the master's registry. Keys are ordinal strings (prefixes act as folders);
/// values are opaque bytes (serialized protobuf). A batch of mutations is applied atomically and is durable
/// when the returned task completes, so callers acknowledge to peers only after that.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>All entries whose key starts with <paramref name="prefix"/>, ordered by key (ordinal).</summary>
    Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The value stored under <paramref name="key"/>, or null when absent.</summary>
    Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Applies the whole batch or nothing; later mutations of the same key win.</summary>
    Task ApplyAsync(IReadOnlyList<StoreMutation> mutations, CancellationToken cancellationToken);
}
