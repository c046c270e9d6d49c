namespace Regatta.Agent.Tests;

public class AgentOptionsTests
{
    private static readonly AgentOptions Valid = new() { Master = "127.0.0.1:5050", WorkDir = "/tmp/w" };

    [Fact]
    public void Validate_MinimalOptions_AreValid() => Assert.Empty(Valid.Validate());

    [Fact]
    public void Defaults_FollowMesos()
    {
        var options = new AgentOptions();

        Assert.Equal(5051, options.Port);
        Assert.Equal("0.0.0.0", options.Ip);
        Assert.Equal("*", options.DefaultRole);
        Assert.Equal("mesos", options.Containerizers);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RegistrationBackoffFactor);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ExecutorShutdownGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(10), options.StatusUpdateRetryMin);
        Assert.Equal(TimeSpan.FromMinutes(10), options.StatusUpdateRetryMax);
        Assert.Equal(TimeSpan.FromSeconds(3), options.DefaultKillGracePeriod);
    }

    [Theory]
    [InlineData("zk://127.0.0.1:2181/mesos", "ZooKeeper")]
    [InlineData("", "required")]
    [InlineData("host", "host:port")]
    [InlineData("host:99999", "port")]
    public void Validate_BadMaster_NamesTheFlag(string master, string rule)
    {
        var error = Assert.Single((Valid with { Master = master }).Validate());

        Assert.StartsWith("--master:", error, StringComparison.Ordinal);
        Assert.Contains(rule, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reconnect", true)]
    [InlineData("cleanup", true)]
    [InlineData("restart", false)]
    public void Validate_Recover_AcceptsMesosModesOnly(string mode, bool valid)
    {
        var errors = (Valid with { Recover = mode }).Validate();

        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, e => Assert.Equal("--recover: 'restart' must be 'reconnect' or 'cleanup'", e));
    }

    [Fact]
    public void Validate_ReportsEveryProblemByFlag()
    {
        var options = new AgentOptions
        {
            Master = "m:1",
            WorkDir = " ",
            Ip = "not-an-ip",
            Port = 70000,
            Resources = "cpus:lots",
            Attributes = "rack",
            DefaultRole = "a//b",
            Containerizers = "docker,rkt",
            StatusUpdateRetryMin = TimeSpan.FromMinutes(20),
        };

        var flags = options.Validate().Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]).ToList();

        Assert.Equal(
            ["--ip", "--port", "--work_dir", "--default_role", "--attributes", "--containerizers", "--status_update_retry_max"],
            flags);
    }

    [Fact]
    public void Validate_BadResources_NamesTheFlag()
    {
        var error = Assert.Single((Valid with { Resources = "cpus:lots" }).Validate());

        Assert.StartsWith("--resources:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[::1]:5050", "::1", 5050)]
    [InlineData("master.example:5050", "master.example", 5050)]
    public void MasterAddress_TryParse_AcceptsHostPort(string text, string host, int port)
    {
        Assert.True(MasterAddress.TryParse(text, out var address, out _));
        Assert.Equal(new MasterAddress(host, port), address);
        Assert.Equal(new Uri($"ws://{text}/agent/v1"), address.WebSocketUri("/agent/v1"));
    }

    [Fact]
    public void EffectiveFlags_RendersDurationsAsMesosDoes()
    {
        var flags = Valid.EffectiveFlags();

        Assert.Equal("5secs", flags["executor_shutdown_grace_period"]);
        Assert.Equal("1secs", flags["registration_backoff_factor"]);
        Assert.Equal("/tmp/w", flags["work_dir"]);
    }
}
