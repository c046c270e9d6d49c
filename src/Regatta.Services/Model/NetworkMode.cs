namespace Regatta.Services.Model;

/// <summary><c>networks[].mode</c>: <c>host</c>, <c>container/bridge</c> or <c>container</c> (a named network).</summary>
internal enum NetworkMode
{
    Host,
    ContainerBridge,
    Container,
}
