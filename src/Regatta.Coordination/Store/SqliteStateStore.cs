using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Regatta.Coordination.Store;

/// <summary>
/// The embedded registry: one SQLite file in WAL mode with one table of key/value rows. Writes go through a
/// single writer loop that merges every batch waiting at that moment into one transaction (group commit), so
/// one fsync covers many callers; a caller's task completes only after the commit that holds its batch.
/// Reads use a second connection, which WAL lets run beside the writer.
/// </summary>
public sealed class SqliteStateStore : IStateStore
{
    private const int MaxBatchesPerCommit = 512;

    private readonly SqliteConnection _writeConnection;
    private readonly SqliteConnection _readConnection;
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Task _writerLoop;
    private int _disposed;

    private SqliteStateStore(SqliteConnection writeConnection, SqliteConnection readConnection)
    {
        _writeConnection = writeConnection;
        _readConnection = readConnection;
        _writerLoop = Task.Run(WriteLoopAsync);
    }

    public string Path => _writeConnection.DataSource;

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/> and its folder.</summary>
    public static async Task<SqliteStateStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();

        var writer = new SqliteConnection(connectionString);
        SqliteConnection? reader = null;
        try
        {
            await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(writer, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            // FULL: a commit is on disk when it returns, which is what "durable when the task completes" needs.
            await ExecuteAsync(writer, "PRAGMA synchronous=FULL;", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                writer,
                "CREATE TABLE IF NOT EXISTS entries (key TEXT NOT NULL PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;",
                cancellationToken).ConfigureAwait(false);

            reader = new SqliteConnection(connectionString);
            await reader.OpenAsync(cancellationToken).ConfigureAwait(false);
            return new SqliteStateStore(writer, reader);
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _readConnection.CreateCommand();
            // The range seeks the primary key; the substr check keeps the ordinal "starts with" meaning exact.
            command.CommandText = "SELECT key, value FROM entries WHERE key >= $prefix AND substr(key, 1, length($prefix)) = $prefix ORDER BY key;";
            command.Parameters.AddWithValue("$prefix", prefix);
            var result = new List<KeyValuePair<string, byte[]>>();
            await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(new KeyValuePair<string, byte[]>(rows.GetString(0), (byte[])rows.GetValue(1)));
            }

            return result;
        }
        finally
        {
            _readGate.Release();
        }
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        StoreKeys.ValidateKey(key);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _readConnection.CreateCommand();
            command.CommandText = "SELECT value FROM entries WHERE key = $key;";
            command.Parameters.AddWithValue("$key", key);
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value as byte[];
        }
        finally
        {
            _readGate.Release();
        }
    }

    public Task ApplyAsync(IReadOnlyList<StoreMutation> mutations, CancellationToken cancellationToken)
    {
        StoreKeys.ValidateBatch(mutations);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (mutations.Count == 0)
        {
            return Task.CompletedTask;
        }

        // Once queued a batch is committed even if the caller stops waiting: half-cancelled writes would
        // leave the caller unsure whether its state is on disk.
        var pending = new PendingWrite(mutations.ToArray(), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_writes.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(SqliteStateStore));
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _writes.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        await _readGate.WaitAsync().ConfigureAwait(false);
        await _readConnection.DisposeAsync().ConfigureAwait(false);
        await _writeConnection.DisposeAsync().ConfigureAwait(false);
        _readGate.Dispose();
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>();
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatchesPerCommit && _writes.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                Commit(batch);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
            }
            // Any failure fails exactly the batches of this commit; the loop must survive to serve later ones.
            catch (Exception error)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(error);
                }
            }
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        using var transaction = _writeConnection.BeginTransaction();
        using var upsert = _writeConnection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = "INSERT INTO entries (key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value;";
        var upsertKey = upsert.Parameters.Add("$key", SqliteType.Text);
        var upsertValue = upsert.Parameters.Add("$value", SqliteType.Blob);

        using var delete = _writeConnection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM entries WHERE key = $key;";
        var deleteKey = delete.Parameters.Add("$key", SqliteType.Text);

        foreach (var pending in batch)
        {
            foreach (var mutation in pending.Mutations)
            {
                if (mutation.Value is null)
                {
                    deleteKey.Value = mutation.Key;
                    delete.ExecuteNonQuery();
                }
                else
                {
                    upsertKey.Value = mutation.Key;
                    upsertValue.Value = mutation.Value;
                    upsert.ExecuteNonQuery();
                }
            }
        }

        transaction.Commit();
    }

    private sealed record PendingWrite(StoreMutation[] Mutations, TaskCompletionSource Completion);
}
