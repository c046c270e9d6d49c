namespace Regatta.Services.Model;

/// <summary>
/// <c>healthChecks[].protocol</c>. HTTP, HTTPS and TCP are probed by the scheduler; COMMAND and the MESOS_* kinds
/// run next to the task on the agent.
/// </summary>
internal enum HealthCheckProtocol
{
    Http,
    Https,
    Tcp,
    Command,
    MesosHttp,
    MesosHttps,
    MesosTcp,
}
