using System.Collections.Immutable;

namespace Regatta.Services.Model;

/// <summary>
/// A Marathon path id such as <c>/prod/web/api</c>: slash-separated segments, absolute (leading slash) or
/// relative (<c>../db</c>). Parsing follows Marathon: leading and trailing slashes and empty segments are dropped,
/// so <c>"/a//b/"</c> is <c>/a/b</c>. <see cref="Resolve"/> turns a relative id into an absolute one against a base
/// group and folds <c>.</c> and <c>..</c>. Whether the segments follow the naming rules is a separate question
/// (<see cref="PathIdRules"/>). The default value is the root <c>/</c>.
/// </summary>
internal readonly struct PathId : IEquatable<PathId>, IComparable<PathId>
{
    private readonly ImmutableArray<string> segments;
    private readonly bool relative;

    private PathId(ImmutableArray<string> segments, bool absolute)
    {
        this.segments = segments;
        relative = !absolute;
    }

    /// <summary>The root group <c>/</c>.</summary>
    public static PathId Root => default;

    /// <summary>The empty relative id (what <c>""</c> parses to).</summary>
    public static PathId EmptyRelative => new([], absolute: false);

    public bool IsAbsolute => !relative;

    public bool IsRoot => IsAbsolute && IsEmpty;

    public bool IsEmpty => Segments.IsEmpty;

    public ImmutableArray<string> Segments => segments.IsDefault ? [] : segments;

    /// <summary>The last segment (<c>api</c> for <c>/prod/web/api</c>); empty for the root.</summary>
    public string Name => IsEmpty ? "" : Segments[^1];

    /// <summary>The enclosing group; the root's parent is the root.</summary>
    public PathId Parent => Segments.Length <= 1
        ? new PathId([], IsAbsolute)
        : new PathId(Segments.RemoveAt(Segments.Length - 1), IsAbsolute);

    /// <summary>Every enclosing group, nearest first, ending with the root (absolute ids only).</summary>
    public IEnumerable<PathId> Ancestors
    {
        get
        {
            var current = this;
            while (!current.IsEmpty)
            {
                current = current.Parent;
                yield return current;
            }
        }
    }

    /// <summary>The text form used for task ids: segments joined by <c>_</c> (<c>prod_web</c>).</summary>
    public string SafeName => string.Join('_', Segments);

    /// <summary>Parses Marathon's id text; never throws. Validity is checked by <see cref="PathIdRules"/>.</summary>
    public static PathId Parse(string text)
    {
        var absolute = text.StartsWith('/');
        var parts = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return new PathId([.. parts], absolute);
    }

    public static PathId FromSegments(IEnumerable<string> segments, bool absolute = true) =>
        new([.. segments.Where(s => s.Length > 0)], absolute);

    /// <summary>
    /// The absolute, canonical form: a relative id is appended to <paramref name="basePath"/>, then <c>.</c> segments
    /// are dropped and <c>..</c> removes the previous segment (never going above the root).
    /// </summary>
    public PathId Resolve(PathId basePath)
    {
        var source = IsAbsolute ? Segments : basePath.Resolve(Root).Segments.AddRange(Segments);
        var result = ImmutableArray.CreateBuilder<string>(source.Length);
        foreach (var segment in source)
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (result.Count > 0)
                {
                    result.RemoveAt(result.Count - 1);
                }

                continue;
            }

            result.Add(segment);
        }

        return new PathId(result.ToImmutable(), absolute: true);
    }

    public PathId Append(string child) => Append(Parse(child));

    public PathId Append(PathId child) => new(Segments.AddRange(child.Segments), IsAbsolute);

    /// <summary>True when this id sits directly inside <paramref name="parent"/>.</summary>
    public bool IsChildOf(PathId parent) =>
        IsAbsolute == parent.IsAbsolute && Segments.Length == parent.Segments.Length + 1 && StartsWith(parent);

    /// <summary>True when this id sits somewhere below <paramref name="ancestor"/> (not equal to it).</summary>
    public bool IsDescendantOf(PathId ancestor) =>
        IsAbsolute == ancestor.IsAbsolute && Segments.Length > ancestor.Segments.Length && StartsWith(ancestor);

    /// <summary>The part of this id below <paramref name="ancestor"/>, as a relative id (<c>web/api</c>).</summary>
    public PathId RelativeTo(PathId ancestor) =>
        IsDescendantOf(ancestor) ? new PathId(Segments.RemoveRange(0, ancestor.Segments.Length), absolute: false) : this;

    private bool StartsWith(PathId prefix)
    {
        for (var i = 0; i < prefix.Segments.Length; i++)
        {
            if (!string.Equals(Segments[i], prefix.Segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(PathId other) =>
        IsAbsolute == other.IsAbsolute && Segments.AsSpan().SequenceEqual(other.Segments.AsSpan());

    public override bool Equals(object? obj) => obj is PathId other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsAbsolute);
        foreach (var segment in Segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Orders by segments (ordinal), so a group sorts right before its children.</summary>
    public int CompareTo(PathId other)
    {
        var common = Math.Min(Segments.Length, other.Segments.Length);
        for (var i = 0; i < common; i++)
        {
            var byName = string.CompareOrdinal(Segments[i], other.Segments[i]);
            if (byName != 0)
            {
                return byName;
            }
        }

        var byLength = Segments.Length.CompareTo(other.Segments.Length);
        return byLength != 0 ? byLength : IsAbsolute.CompareTo(other.IsAbsolute);
    }

    public static bool operator ==(PathId left, PathId right) => left.Equals(right);

    public static bool operator !=(PathId left, PathId right) => !left.Equals(right);

    public static bool operator <(PathId left, PathId right) => left.CompareTo(right) < 0;

    public static bool operator >(PathId left, PathId right) => left.CompareTo(right) > 0;

    public static bool operator <=(PathId left, PathId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PathId left, PathId right) => left.CompareTo(right) >= 0;

    public override string ToString() => (IsAbsolute ? "/" : "") + string.Join('/', Segments);
}
