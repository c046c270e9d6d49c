namespace Regatta.EndToEnd.Tests;

/// <summary>The executable's contract with operators: bad usage exits with code 2 and a message naming the problem.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("unknown flag '--offer_timout'", "master", "--offer_timout=5secs")]
    [InlineData("--port", "master", "--port=fifty")]
    [InlineData("--allocation_interval", "master", "--allocation_interval=1")]
    [InlineData("--weights", "master", "--registry=in_memory", "--weights=web=two")]
    [InlineData("--master", "agent", "--work_dir=/tmp/x")]
    [InlineData("--fetcher_cache_size", "agent", "--master=127.0.0.1:5050", "--work_dir=/tmp/x", "--fetcher_cache_size=lots")]
    [InlineData("--isolation", "agent", "--master=127.0.0.1:5050", "--work_dir=/tmp/x", "--isolation=cgroups/gpu")]
    [InlineData("--containerizers", "agent", "--master=127.0.0.1:5050", "--work_dir=/tmp/x", "--containerizers=rkt")]
    [InlineData("--master", "services", "--work_dir=/tmp/x")]
    [InlineData("--http_credentials", "services", "--master=127.0.0.1:5050", "--http_credentials=nocolon")]
    [InlineData("--local_port_min", "services", "--master=127.0.0.1:5050", "--local_port_min=30000", "--local_port_max=20000")]
    [InlineData("--http_port", "services", "--master=127.0.0.1:5050", "--http_port=eighty")]
    [InlineData("unknown command", "frobnicate")]
    public async Task Regatta_BadUsage_ExitsWithCode2AndNamesTheProblem(string expected, params string[] args)
    {
        var (code, output) = await RegattaProcess.RunToExitAsync(Timeout, args);

        Assert.Equal(2, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Master_PortInUse_ExitsWithCode1AndOneLineReason()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (code, output) = await RegattaProcess.RunToExitAsync(Timeout, "master", "--ip=127.0.0.1", $"--port={port}", "--registry=in_memory");

        Assert.Equal(1, code);
        Assert.Contains("address already in use", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regatta_MasterHelp_ListsFlagsAndExitsZero()
    {
        var (code, output) = await RegattaProcess.RunToExitAsync(Timeout, "master", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--allocation_interval", output, StringComparison.Ordinal);
        Assert.Contains("MESOS_", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_StartsMasterAgentAndServices_AgentRegisteredAndTheServicesApiAnswers()
    {
        var dir = Directory.CreateTempSubdirectory("regatta-up-");
        var masterPort = RegattaProcess.FreePort();
        var agentPort = RegattaProcess.FreePort();
        var servicesPort = RegattaProcess.FreePort();
        await using (var up = RegattaProcess.Start(
            "up", $"--work_dir={dir.FullName}", $"--master_port={masterPort}", $"--agent_port={agentPort}", $"--services_port={servicesPort}", "--resources=cpus:1;mem:256"))
        {
            await up.WaitForHttpAsync(new Uri($"http://127.0.0.1:{agentPort}/health"), TestCluster.StartTimeout);
            using var http = new HttpClient();
            await TestCluster.Eventually(async () =>
            {
                var state = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{masterPort}/master/state")).RootElement;
                return state.GetProperty("activated_slaves").GetDouble() == 1;
            }, "the agent of 'regatta up' is active");
            Assert.True(File.Exists(Path.Combine(dir.FullName, "master", "registry.db")), "the master's registry lives under --work_dir");
            // The agent checkpoints its id once registered, which the master may report a moment earlier.
            await TestCluster.Eventually(
                () => Task.FromResult(Directory.Exists(Path.Combine(dir.FullName, "agent", "meta"))), "the agent's checkpoints live under --work_dir");
            await up.WaitForHttpAsync(new Uri($"http://127.0.0.1:{servicesPort}/ping"), TestCluster.StartTimeout);
            await TestCluster.Eventually(async () =>
            {
                var info = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{servicesPort}/v2/info")).RootElement;
                return info.GetProperty("frameworkId").ValueKind == System.Text.Json.JsonValueKind.String;
            }, "the services scheduler of 'regatta up' subscribes to its master");
            Assert.True(File.Exists(Path.Combine(dir.FullName, "services", "state.db")), "the services state lives under --work_dir");
        }

        dir.Delete(recursive: true);
    }
}
