using Regatta.Agent.Containerizers;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Containerizers;

public class CommandLineTests
{
    private static readonly HashSet<string> Executables = ["/usr/bin/python3", "/opt/app/run", "/sandbox/bin/start"];

    [Fact]
    public void Resolve_Shell_RunsBinShDashC()
    {
        var (program, argv) = CommandLine.Resolve(new V1.CommandInfo { Value = "echo $X", Arguments = { "ignored" } }, "/sandbox", null, Executables.Contains);

        Assert.Equal("/bin/sh", program);
        Assert.Equal(["sh", "-c", "echo $X"], argv);
    }

    [Fact]
    public void Resolve_NoShell_SearchesPathAndKeepsArgumentsAsArgv()
    {
        var command = new V1.CommandInfo { Shell = false, Value = "python3", Arguments = { "py", "-V" } };

        var (program, argv) = CommandLine.Resolve(command, "/sandbox", "/usr/local/bin:/usr/bin", Executables.Contains);

        Assert.Equal("/usr/bin/python3", program);
        Assert.Equal(["py", "-V"], argv);
    }

    [Fact]
    public void Resolve_NoShellRelativePath_IsRelativeToTheSandbox()
    {
        var command = new V1.CommandInfo { Shell = false, Value = "bin/start" };

        var (program, argv) = CommandLine.Resolve(command, "/sandbox", null, Executables.Contains);

        Assert.Equal("/sandbox/bin/start", program);
        Assert.Equal(["bin/start"], argv);
    }

    [Fact]
    public void Resolve_NotFound_ThrowsLaunchException()
    {
        var command = new V1.CommandInfo { Shell = false, Value = "missing" };

        var error = Assert.Throws<ContainerLaunchException>(() => CommandLine.Resolve(command, "/sandbox", "/usr/bin", Executables.Contains));

        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoValue_ThrowsLaunchException() =>
        Assert.Throws<ContainerLaunchException>(() => CommandLine.Resolve(new V1.CommandInfo(), "/sandbox", null, Executables.Contains));
}
