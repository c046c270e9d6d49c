using System.Globalization;
using System.Text;

namespace Regatta.Protocol;

/// <summary>
/// The position of the parser inside the message, rendered only when an error names it
/// (<c>accept.operations[0].launch.task_infos[1].name</c>, <c>limits[cpus].value</c>).
/// </summary>
internal sealed class JsonPath
{
    private readonly List<Segment> segments = [];

    public void PushField(string name) => segments.Add(new Segment(name, -1, null));

    public void PushIndex(int index) => segments.Add(new Segment(null, index, null));

    public void PushKey(string key) => segments.Add(new Segment(null, -1, key));

    public void Pop() => segments.RemoveAt(segments.Count - 1);

    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Name is not null)
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(segment.Name);
            }
            else if (segment.Key is not null)
            {
                builder.Append('[').Append(segment.Key).Append(']');
            }
            else
            {
                builder.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }

        return builder.Length == 0 ? "<root>" : builder.ToString();
    }

    private readonly record struct Segment(string? Name, int Index, string? Key);
}
