using System.Collections.Immutable;

namespace Regatta.Coordination.Store;

/// <summary>
/// A store that lives only as long as the process (<c>--registry=in_memory</c>). Readers see an immutable
/// snapshot, writers swap a new one in under a lock, so a batch is atomic for every reader.
/// </summary>
public sealed class InMemoryStateStore : IStateStore
{
    private readonly Lock _gate = new();
    private ImmutableSortedDictionary<string, byte[]> _entries = ImmutableSortedDictionary.Create<string, byte[]>(StringComparer.Ordinal);
    private bool _disposed;

    public Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        cancellationToken.ThrowIfCancellationRequested();
        var entries = Current();
        var result = new List<KeyValuePair<string, byte[]>>();
        foreach (var entry in entries)
        {
            if (entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            {
                result.Add(new KeyValuePair<string, byte[]>(entry.Key, (byte[])entry.Value.Clone()));
            }
        }

        return Task.FromResult<IReadOnlyList<KeyValuePair<string, byte[]>>>(result);
    }

    public Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        StoreKeys.ValidateKey(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Current().TryGetValue(key, out var value) ? (byte[]?)value.Clone() : null);
    }

    public Task ApplyAsync(IReadOnlyList<StoreMutation> mutations, CancellationToken cancellationToken)
    {
        StoreKeys.ValidateBatch(mutations);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var builder = _entries.ToBuilder();
            foreach (var mutation in mutations)
            {
                if (mutation.Value is null)
                {
                    builder.Remove(mutation.Key);
                }
                else
                {
                    builder[mutation.Key] = (byte[])mutation.Value.Clone();
                }
            }

            _entries = builder.ToImmutable();
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        return ValueTask.CompletedTask;
    }

    private ImmutableSortedDictionary<string, byte[]> Current()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _entries;
        }
    }
}
