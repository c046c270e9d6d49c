namespace Regatta.Services.Model;

/// <summary><c>networks[]</c>: host, the bridge, or a named container network.</summary>
internal sealed record Network(NetworkMode Mode, string? Name = null)
{
    public ValueMap Labels { get; init; }
}
