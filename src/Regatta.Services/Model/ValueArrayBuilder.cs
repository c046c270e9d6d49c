namespace Regatta.Services.Model;

/// <summary>Lets collection expressions (<c>[a, b]</c>) build a <see cref="ValueArray{T}"/>.</summary>
internal static class ValueArrayBuilder
{
    public static ValueArray<T> Create<T>(ReadOnlySpan<T> items) => new([.. items]);
}
