namespace Regatta.Services.Model;

/// <summary>A host path mounted into the container (the only volume kind Regatta supports).</summary>
internal sealed record HostVolume(string ContainerPath, string HostPath, VolumeMode Mode);
