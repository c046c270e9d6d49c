using System.Collections.Concurrent;
using System.Linq.Expressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Regatta.Protocol;

/// <summary>
/// Per-descriptor metadata the JSON mapping needs on every message, computed once: descriptor walks,
/// <c>ToProto()</c> and option clones are far too slow to repeat per offer.
/// </summary>
internal sealed class MessageTable
{
    private const int MaxFieldNameLength = 128;

    private static readonly ConcurrentDictionary<MessageDescriptor, MessageTable> Cache = new();

    private readonly Dictionary<string, FieldEntry>.AlternateLookup<ReadOnlySpan<char>> byName;
    private readonly Func<IMessage>? factory;
    private int hasRequiredInSubtree = -1;

    private MessageTable(MessageDescriptor descriptor)
    {
        Descriptor = descriptor;
        Fields = [.. descriptor.Fields.InDeclarationOrder().Select(f => new FieldEntry(f))];
        var names = new Dictionary<string, FieldEntry>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            names[field.Name] = field;
        }

        byName = names.GetAlternateLookup<ReadOnlySpan<char>>();
        HasDirectRequired = Fields.Any(f => f.IsRequired);

        // Map entry descriptors have no CLR type; they are never instantiated.
        if (descriptor.ClrType is { } clrType)
        {
            factory = Expression.Lambda<Func<IMessage>>(Expression.New(clrType)).Compile();
        }
    }

    public MessageDescriptor Descriptor { get; }

    /// <summary>Fields in declaration order, the order Mesos writes them.</summary>
    public FieldEntry[] Fields { get; }

    public bool HasDirectRequired { get; }

    /// <summary>True when this message or any message reachable from it declares a required field.</summary>
    public bool HasRequiredInSubtree
    {
        get
        {
            if (hasRequiredInSubtree < 0)
            {
                hasRequiredInSubtree = ComputeHasRequired(Descriptor) ? 1 : 0;
            }

            return hasRequiredInSubtree == 1;
        }
    }

    public static MessageTable For(MessageDescriptor descriptor) =>
        Cache.TryGetValue(descriptor, out var table) ? table : Cache.GetOrAdd(descriptor, static d => new MessageTable(d));

    public IMessage Create() =>
        factory?.Invoke() ?? throw new InvalidOperationException($"Message type {Descriptor.FullName} has no CLR type.");

    public FieldEntry? Find(ReadOnlySpan<char> name) =>
        name.Length <= MaxFieldNameLength && byName.TryGetValue(name, out var field) ? field : null;

    // A fresh walk per descriptor (instead of memoizing across a recursive walk) keeps the answer right in the
    // presence of cycles such as ContainerID.parent; it runs once per descriptor.
    private static bool ComputeHasRequired(MessageDescriptor root)
    {
        var visited = new HashSet<MessageDescriptor>();
        var pending = new Stack<MessageDescriptor>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var descriptor = pending.Pop();
            if (!visited.Add(descriptor))
            {
                continue;
            }

            foreach (var field in descriptor.Fields.InDeclarationOrder())
            {
                if (field.IsRequired)
                {
                    return true;
                }

                if (field.FieldType == FieldType.Message)
                {
                    pending.Push(field.MessageType);
                }
            }
        }

        return false;
    }
}
