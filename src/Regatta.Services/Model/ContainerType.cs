namespace Regatta.Services.Model;

/// <summary><c>container.type</c>: which containerizer runs the task (<c>DOCKER</c> is Marathon's default).</summary>
internal enum ContainerType
{
    Docker,
    Mesos,
}
