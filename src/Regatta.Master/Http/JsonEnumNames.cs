using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace Regatta.Master.Http;

/// <summary>The proto names of generated enum values (<c>TASK_RUNNING</c>, <c>MULTI_ROLE</c>), as Mesos prints them.</summary>
internal static class JsonEnumNames
{
    private static readonly ConcurrentDictionary<Type, FrozenDictionary<int, string>> Cache = new();

    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var names = Cache.GetOrAdd(typeof(TEnum), static type => Build(type));
        var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        return names.TryGetValue(number, out var name) ? name : number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static FrozenDictionary<int, string> Build(Type type)
    {
        var names = new Dictionary<int, string>();
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var original = field.GetCustomAttribute<OriginalNameAttribute>();
            var number = Convert.ToInt32(field.GetValue(null), System.Globalization.CultureInfo.InvariantCulture);
            names.TryAdd(number, original?.Name ?? field.Name);
        }

        return names.ToFrozenDictionary();
    }
}
