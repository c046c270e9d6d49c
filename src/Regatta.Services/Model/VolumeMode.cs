namespace Regatta.Services.Model;

/// <summary><c>container.volumes[].mode</c>: read-only or read-write.</summary>
internal enum VolumeMode
{
    ReadOnly,
    ReadWrite,
}
