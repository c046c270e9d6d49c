using Google.Protobuf;
using Regatta.Coordination.Store;
using Regatta.Protocol.V1;
using MesosTask = Regatta.Protocol.V1.Task;

namespace Regatta.Master.Registry;

/// <summary>Reads the registry at start. A damaged entry is reported in <see cref="RegistryState.Problems"/> and skipped, never fatal.</summary>
internal static class RegistryLoader
{
    public static async Task<RegistryState> LoadAsync(IStateStore store, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var agents = await LoadMessagesAsync(store, RegistryKeys.AgentsPrefix, AgentInfo.Parser, problems, cancellationToken).ConfigureAwait(false);
        var unreachable = (await LoadMessagesAsync(store, RegistryKeys.UnreachablePrefix, TimeInfo.Parser, problems, cancellationToken).ConfigureAwait(false))
            .ToDictionary(e => e.Key[RegistryKeys.UnreachablePrefix.Length..], e => FromTimeInfo(e.Value), StringComparer.Ordinal);
        var gone = (await LoadMessagesAsync(store, RegistryKeys.GonePrefix, TimeInfo.Parser, problems, cancellationToken).ConfigureAwait(false))
            .Select(e => e.Key[RegistryKeys.GonePrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
        var frameworks = await LoadMessagesAsync(store, RegistryKeys.FrameworksPrefix, FrameworkInfo.Parser, problems, cancellationToken).ConfigureAwait(false);
        var removed = await LoadMessagesAsync(store, RegistryKeys.RemovedFrameworksPrefix, FrameworkInfo.Parser, problems, cancellationToken).ConfigureAwait(false);
        var tasks = await LoadMessagesAsync(store, RegistryKeys.TasksPrefix, MesosTask.Parser, problems, cancellationToken).ConfigureAwait(false);
        var weights = (await LoadMessagesAsync(store, RegistryKeys.WeightsPrefix, WeightInfo.Parser, problems, cancellationToken).ConfigureAwait(false))
            .ToDictionary(e => e.Key[RegistryKeys.WeightsPrefix.Length..], e => e.Value.Weight, StringComparer.Ordinal);

        return new RegistryState(
            [.. agents.Where(e => e.Value.Id is not null).Select(e => e.Value)],
            unreachable,
            gone,
            [.. frameworks.Where(e => e.Value.Id is not null).Select(e => e.Value)],
            [.. removed.Where(e => e.Value.Id is not null).Select(e => e.Value)],
            [.. tasks.Select(e => e.Value)],
            weights,
            problems);
    }

    private static DateTimeOffset FromTimeInfo(TimeInfo time) => DateTimeOffset.UnixEpoch.AddTicks(time.Nanoseconds / 100);

    private static async Task<List<KeyValuePair<string, T>>> LoadMessagesAsync<T>(
        IStateStore store, string prefix, MessageParser<T> parser, List<string> problems, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        var entries = await store.ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        var result = new List<KeyValuePair<string, T>>(entries.Count);
        foreach (var entry in entries)
        {
            try
            {
                result.Add(new KeyValuePair<string, T>(entry.Key, parser.ParseFrom(entry.Value)));
            }
            catch (InvalidProtocolBufferException error)
            {
                problems.Add($"registry entry '{entry.Key}' is not a valid {typeof(T).Name}: {error.Message}");
            }
        }

        return result;
    }
}
