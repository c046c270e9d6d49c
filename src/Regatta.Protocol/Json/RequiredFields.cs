using System.Collections;
using System.Globalization;
using Google.Protobuf;

namespace Regatta.Protocol;

/// <summary>
/// Proto2 <c>required</c> enforcement with readable paths (<c>subscribe.framework_info.user</c>,
/// <c>accept.operations[0].launch.task_infos[0].name</c>), the way protobuf's InitializationErrorString names them.
/// </summary>
internal static class RequiredFields
{
    /// <summary>Fast check that allocates nothing; subtrees without required fields are not visited.</summary>
    public static bool AnyMissing(IMessage message, MessageTable table)
    {
        if (!table.HasRequiredInSubtree)
        {
            return false;
        }

        foreach (var field in table.Fields)
        {
            if (field.IsRequired && !field.IsRepeated && !field.Accessor.HasValue(message))
            {
                return true;
            }

            var valueField = field.IsMap ? field.MapValue! : field;
            if (!valueField.IsMessage || !valueField.Message.HasRequiredInSubtree)
            {
                continue;
            }

            if (field.IsMap)
            {
                foreach (var value in ((IDictionary)field.Accessor.GetValue(message)).Values)
                {
                    if (AnyMissing((IMessage)value, valueField.Message))
                    {
                        return true;
                    }
                }
            }
            else if (field.IsRepeated)
            {
                foreach (var item in (IList)field.Accessor.GetValue(message))
                {
                    if (AnyMissing((IMessage)item, field.Message))
                    {
                        return true;
                    }
                }
            }
            else if (field.Accessor.HasValue(message) && AnyMissing((IMessage)field.Accessor.GetValue(message), field.Message))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Paths of missing required fields, at most <paramref name="limit"/> of them.</summary>
    public static List<string> FindMissing(IMessage message, MessageTable table, int limit = int.MaxValue)
    {
        var missing = new List<string>();
        Collect(message, table, string.Empty, missing, limit);
        return missing;
    }

    private static void Collect(IMessage message, MessageTable table, string prefix, List<string> missing, int limit)
    {
        if (!table.HasRequiredInSubtree)
        {
            return;
        }

        foreach (var field in table.Fields)
        {
            if (missing.Count >= limit)
            {
                return;
            }

            if (field.IsRequired && !field.IsRepeated && !field.Accessor.HasValue(message))
            {
                missing.Add(prefix + field.Name);
                continue;
            }

            var valueField = field.IsMap ? field.MapValue! : field;
            if (!valueField.IsMessage || !valueField.Message.HasRequiredInSubtree)
            {
                continue;
            }

            if (field.IsMap)
            {
                foreach (DictionaryEntry entry in (IDictionary)field.Accessor.GetValue(message))
                {
                    var key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture);
                    Collect((IMessage)entry.Value!, valueField.Message, $"{prefix}{field.Name}[{key}].", missing, limit);
                }
            }
            else if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                for (var i = 0; i < list.Count; i++)
                {
                    Collect((IMessage)list[i]!, field.Message, $"{prefix}{field.Name}[{i}].", missing, limit);
                }
            }
            else if (field.Accessor.HasValue(message))
            {
                Collect((IMessage)field.Accessor.GetValue(message), field.Message, prefix + field.Name + ".", missing, limit);
            }
        }
    }
}
