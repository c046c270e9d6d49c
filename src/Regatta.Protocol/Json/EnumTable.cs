using System.Collections.Concurrent;
using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Regatta.Protocol;

/// <summary>Enum names and pre-boxed CLR values, so parsing and writing enums allocates nothing.</summary>
internal sealed class EnumTable
{
    private static readonly ConcurrentDictionary<EnumDescriptor, EnumTable> Cache = new();

    private readonly Dictionary<string, object>.AlternateLookup<ReadOnlySpan<char>> byName;
    private readonly Dictionary<int, (object Boxed, JsonEncodedText Name)> byNumber = [];

    private EnumTable(EnumDescriptor descriptor)
    {
        Descriptor = descriptor;
        var names = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var value in descriptor.Values)
        {
            var boxed = System.Enum.ToObject(descriptor.ClrType, value.Number);
            names[value.Name] = boxed;
            byNumber.TryAdd(value.Number, (boxed, JsonEncodedText.Encode(value.Name)));
        }

        byName = names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public EnumDescriptor Descriptor { get; }

    public static EnumTable For(EnumDescriptor descriptor) =>
        Cache.TryGetValue(descriptor, out var table) ? table : Cache.GetOrAdd(descriptor, static d => new EnumTable(d));

    public bool TryGetByName(ReadOnlySpan<char> name, out object boxed) => byName.TryGetValue(name, out boxed!);

    public bool TryGetByNumber(int number, out object boxed)
    {
        if (byNumber.TryGetValue(number, out var entry))
        {
            boxed = entry.Boxed;
            return true;
        }

        boxed = null!;
        return false;
    }

    public bool TryGetName(int number, out JsonEncodedText name)
    {
        if (byNumber.TryGetValue(number, out var entry))
        {
            name = entry.Name;
            return true;
        }

        name = default;
        return false;
    }
}
