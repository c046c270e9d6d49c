using Regatta.Agent.Health;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Health;

public sealed class HealthCheckPolicyTests
{
    [Fact]
    public void From_UnsetFields_UsesMesosDefaults()
    {
        var check = new V1.HealthCheck { Type = V1.HealthCheck.Types.Type.Tcp, Tcp = new V1.HealthCheck.Types.TCPCheckInfo { Port = 80 } };

        var policy = HealthCheckPolicy.From(check);

        Assert.Equal(new HealthCheckPolicy(V1.HealthCheck.Types.Type.Tcp, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), 3, TimeSpan.FromSeconds(10)), policy);
    }

    [Fact]
    public void TypeOf_NoTypeButHttpSet_InfersHttp()
    {
        var check = new V1.HealthCheck { Http = new V1.HealthCheck.Types.HTTPCheckInfo { Port = 8080 } };

        Assert.Equal(V1.HealthCheck.Types.Type.Http, HealthCheckPolicy.TypeOf(check));
        Assert.Null(HealthCheckPolicy.Validate(check));
    }

    [Fact]
    public void Validate_BadChecks_NameTheField()
    {
        Assert.Contains("health_check.http.port", HealthCheckPolicy.Validate(new V1.HealthCheck { Type = V1.HealthCheck.Types.Type.Http }), StringComparison.Ordinal);
        Assert.Contains("health_check.command.value", HealthCheckPolicy.Validate(new V1.HealthCheck { Type = V1.HealthCheck.Types.Type.Command, Command = new V1.CommandInfo() }), StringComparison.Ordinal);
        Assert.Contains("health_check.type", HealthCheckPolicy.Validate(new V1.HealthCheck()), StringComparison.Ordinal);
        var tcp = new V1.HealthCheck { Tcp = new V1.HealthCheck.Types.TCPCheckInfo { Port = 1 }, IntervalSeconds = 0 };
        Assert.Contains("health_check.interval_seconds", HealthCheckPolicy.Validate(tcp), StringComparison.Ordinal);
        tcp = new V1.HealthCheck { Tcp = new V1.HealthCheck.Types.TCPCheckInfo { Port = 1 }, ConsecutiveFailures = 0 };
        Assert.Contains("health_check.consecutive_failures", HealthCheckPolicy.Validate(tcp), StringComparison.Ordinal);
        var http = new V1.HealthCheck { Http = new V1.HealthCheck.Types.HTTPCheckInfo { Port = 1, Scheme = "ftp" } };
        Assert.Contains("health_check.http.scheme", HealthCheckPolicy.Validate(http), StringComparison.Ordinal);
    }
}
