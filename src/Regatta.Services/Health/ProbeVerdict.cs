namespace Regatta.Services.Health;

/// <summary>What one probe of a health check said about a task.</summary>
internal enum ProbeVerdict
{
    Healthy,
    Unhealthy,

    /// <summary>An HTTP 1xx answer under <c>ignoreHttp1xx</c>: the result is dropped and the health state stays.</summary>
    Ignored,
}
