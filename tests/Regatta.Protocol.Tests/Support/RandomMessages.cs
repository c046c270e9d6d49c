using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Regatta.Protocol.Tests.Support;

/// <summary>
/// Builds random but valid (all required fields set) messages of any type from its descriptor, so round-trip tests
/// cover every field of every message without hand-written builders.
/// </summary>
internal sealed class RandomMessages(int seed)
{
    private const int MaxDepth = 5;

    private static readonly string[] Words = ["", "a", "cpus", "mesos", "Zürich", "日本", "tab\tquote\"back\\slash", "<&>+/=", "\u0001"];

    private readonly Random random = new(seed);

    public IMessage Create(MessageDescriptor descriptor) => Create(descriptor, 0);

    private IMessage Create(MessageDescriptor descriptor, int depth)
    {
        var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        foreach (var field in descriptor.Fields.InDeclarationOrder())
        {
            // Required fields are always set (or the message would not be valid); optional ones sometimes, and less
            // often deeper down so that recursive types (ContainerID.parent) stay small.
            var probability = depth >= MaxDepth ? 0.0 : 0.6 - (depth * 0.1);
            if (!field.IsRequired && random.NextDouble() >= probability)
            {
                continue;
            }

            if (field.IsMap)
            {
                var map = (IDictionary)field.Accessor.GetValue(message);
                var keyField = field.MessageType.FindFieldByNumber(1);
                var valueField = field.MessageType.FindFieldByNumber(2);
                for (var i = random.Next(1, 3); i > 0; i--)
                {
                    map[NextValue(keyField, depth)] = NextValue(valueField, depth);
                }
            }
            else if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                for (var i = random.Next(1, 4); i > 0; i--)
                {
                    list.Add(NextValue(field, depth));
                }
            }
            else
            {
                field.Accessor.SetValue(message, NextValue(field, depth));
            }
        }

        return message;
    }

    private object NextValue(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.Message or FieldType.Group => Create(field.MessageType, depth + 1),
        FieldType.String => Words[random.Next(Words.Length)] + (random.Next(2) == 0 ? string.Empty : random.Next().ToString("x")),
        FieldType.Bytes => ByteString.CopyFrom(RandomBytes(random.Next(0, 20))),
        FieldType.Bool => random.Next(2) == 0,
        FieldType.Double => NextDouble(),
        FieldType.Float => (float)NextDouble(),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => random.Next(4) == 0 ? int.MinValue : random.Next(int.MinValue, int.MaxValue),
        FieldType.UInt32 or FieldType.Fixed32 => random.Next(4) == 0 ? uint.MaxValue : (uint)random.NextInt64(0, uint.MaxValue),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => random.Next(4) == 0 ? long.MaxValue : random.NextInt64(long.MinValue, long.MaxValue),
        FieldType.UInt64 or FieldType.Fixed64 => random.Next(4) == 0 ? ulong.MaxValue : (ulong)random.NextInt64(0, long.MaxValue) * 2,
        FieldType.Enum => Enum.ToObject(field.EnumType.ClrType, field.EnumType.Values[random.Next(field.EnumType.Values.Count)].Number),
        _ => throw new NotSupportedException(field.FieldType.ToString()),
    };

    private double NextDouble()
    {
        switch (random.Next(8))
        {
            case 0:
                return random.Next(0, 100000);
            case 1:
                return Math.Round(random.NextDouble() * 1000, 2);
            case 2:
                return random.Next(3) switch { 0 => double.PositiveInfinity, 1 => double.NegativeInfinity, _ => double.NaN };
            default:
                // Any bit pattern, except NaN payloads (JSON has only the one "NaN").
                var value = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
                return double.IsNaN(value) ? double.NaN : value;
        }
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
