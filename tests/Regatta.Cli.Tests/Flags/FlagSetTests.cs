using System.Collections;
using Regatta.Cli.Commands;
using Regatta.Cli.Flags;

namespace Regatta.Cli.Tests.Flags;

public sealed class FlagSetTests
{
    private static readonly IDictionary NoEnvironment = new Hashtable();

    [Fact]
    public void Parse_EqualsAndSpaceForms_BothAccepted()
    {
        var flags = MasterFlags.Create().Parse(["--port=6060", "--work_dir", "/tmp/x", "--offer_timeout", "30secs"], NoEnvironment);

        Assert.Equal(6060, flags.Int("port"));
        Assert.Equal("/tmp/x", flags.String("work_dir"));
        Assert.Equal(TimeSpan.FromSeconds(30), flags.Duration("offer_timeout"));
    }

    [Fact]
    public void Services_HttpCredentials_FromFlagOrEnvironment_NeverAmongTheShownFlags()
    {
        var fromFlag = ServicesCommand.ToOptions(ServicesCommand.Flags().Parse(["--master=127.0.0.1:5050", "--http_credentials=ops:pw"], NoEnvironment));
        var fromEnvironment = ServicesCommand.ToOptions(ServicesCommand.Flags().Parse(
            ["--master=127.0.0.1:5050", "--http_realm=Ops"], new Hashtable { ["MARATHON_HTTP_CREDENTIALS"] = "ops:env" }));

        Assert.Equal(("ops:pw", "Mesosphere"), (fromFlag.HttpCredentials, fromFlag.HttpRealm));
        Assert.Equal(("ops:env", "Ops"), (fromEnvironment.HttpCredentials, fromEnvironment.HttpRealm));
        Assert.DoesNotContain("http_credentials", fromFlag.Flags.Keys);
        Assert.DoesNotContain(fromFlag.Flags.Values, v => v.Contains("ops:pw", StringComparison.Ordinal));
        Assert.DoesNotContain("http_credentials", fromEnvironment.Flags.Keys);
    }

    [Fact]
    public void Parse_Defaults_UsedWhenFlagAbsent()
    {
        var flags = MasterFlags.Create().Parse([], NoEnvironment);

        Assert.Equal(5050, flags.Int("port"));
        Assert.Equal(TimeSpan.FromSeconds(1), flags.Duration("allocation_interval"));
        Assert.Null(flags.TryDuration("offer_timeout"));
    }

    [Fact]
    public void Parse_UnknownFlag_ThrowsNamingItAndSuggesting()
    {
        var e = Assert.Throws<FlagException>(() => MasterFlags.Create().Parse(["--offer_timout=3secs"], NoEnvironment));

        Assert.Contains("--offer_timout", e.Message);
        Assert.Contains("--offer_timeout", e.Message);
    }

    [Theory]
    [InlineData("--port=abc", "--port")]
    [InlineData("--offer_timeout=30", "--offer_timeout")]
    [InlineData("--allocation_interval=-1secs", "--allocation_interval")]
    [InlineData("--max_agent_ping_timeouts=1.5", "--max_agent_ping_timeouts")]
    public void Parse_MalformedValue_ThrowsNamingFlag(string arg, string flag)
    {
        var e = Assert.Throws<FlagException>(() => MasterFlags.Create().Parse([arg], NoEnvironment));

        Assert.Contains(flag, e.Message);
    }

    [Fact]
    public void Parse_EnvironmentVariable_ReadAndOverriddenByCommandLine()
    {
        var env = new Hashtable { ["MESOS_PORT"] = "7070", ["MESOS_WORK_DIR"] = "/var/lib/x", ["MESOS_NATIVE_JAVA_LIBRARY"] = "ignored" };

        var flags = MasterFlags.Create().Parse(["--port=8080"], env);

        Assert.Equal(8080, flags.Int("port"));
        Assert.Equal("/var/lib/x", flags.String("work_dir"));
    }

    [Fact]
    public void Parse_MalformedEnvironmentVariable_ThrowsNamingVariable()
    {
        var env = new Hashtable { ["MESOS_PORT"] = "x" };

        var e = Assert.Throws<FlagException>(() => MasterFlags.Create().Parse([], env));

        Assert.Contains("MESOS_PORT", e.Message);
    }

    [Fact]
    public void Parse_FileUrl_ReadsValueFromFile()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "cpus:2;mem:512\n");
        try
        {
            var flags = AgentFlags.Create().Parse(["--master=127.0.0.1:5050", "--work_dir=/tmp/a", $"--resources=file://{path}"], NoEnvironment);

            Assert.Equal("cpus:2;mem:512", flags.String("resources"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_MissingRequired_ThrowsNamingFlag()
    {
        var e = Assert.Throws<FlagException>(() => AgentFlags.Create().Parse(["--work_dir=/tmp/a"], NoEnvironment));

        Assert.Contains("--master", e.Message);
    }

    [Fact]
    public void Parse_ValueMissing_Throws()
    {
        var e = Assert.Throws<FlagException>(() => MasterFlags.Create().Parse(["--work_dir"], NoEnvironment));

        Assert.Contains("--work_dir", e.Message);
    }

    [Fact]
    public void Parse_PositionalArgument_Throws()
    {
        Assert.Throws<FlagException>(() => MasterFlags.Create().Parse(["5050"], NoEnvironment));
    }

    [Fact]
    public void Parse_HelpWithoutRequiredFlags_DoesNotThrow()
    {
        var flags = AgentFlags.Create().Parse(["--help"], NoEnvironment);

        Assert.True(flags.HelpRequested);
        Assert.Contains("--master", flags.Set.Usage());
    }
}
