using System.Collections.Concurrent;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace Regatta.Protocol;

/// <summary>The .proto names of generated enum values (<c>TASK_RUNNING</c>, <c>SOURCE_EXECUTOR</c>), as Mesos's JSON shows them.</summary>
public static class ProtoEnumNames
{
    private static readonly ConcurrentDictionary<(Type, int), string> Cache = new();

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        return Cache.GetOrAdd((typeof(TEnum), number), static key =>
        {
            var name = Enum.GetName(key.Item1, key.Item2);
            var attribute = name is null ? null : key.Item1.GetField(name)?.GetCustomAttribute<OriginalNameAttribute>();
            return attribute?.Name ?? name ?? key.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }
}
