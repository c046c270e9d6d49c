using Regatta.Agent.Posix;

namespace Regatta.Agent.Tests.Posix;

public class PosixTextTests
{
    [Theory]
    [InlineData(0x41ED, "drwxr-xr-x")]
    [InlineData(0x81A4, "-rw-r--r--")]
    [InlineData(0xA1FF, "lrwxrwxrwx")]
    [InlineData(0x89ED, "-rwsr-xr-x")]
    [InlineData(0x43FF, "drwxrwxrwt")]
    [InlineData(0x4200, "d--------T")]
    public void FileModeText_Format_MatchesLs(int mode, string expected) => Assert.Equal(expected, FileModeText.Format((uint)mode));

    [Theory]
    [InlineData(9, "Killed")]
    [InlineData(15, "Terminated")]
    [InlineData(2, "Interrupt")]
    [InlineData(99, "Unknown signal 99")]
    public void SignalNames_Describe_MatchesStrsignal(int signal, string expected) => Assert.Equal(expected, SignalNames.Describe(signal));

    [Fact]
    public void WaitStatus_DecodesExitAndSignal()
    {
        Assert.True(WaitStatus.Exited(3 << 8));
        Assert.Equal(3, WaitStatus.ExitCode(3 << 8));
        Assert.True(WaitStatus.Signaled(9));
        Assert.Equal(9, WaitStatus.TermSignal(9));
        Assert.True(WaitStatus.CoreDumped(0x80 | 11));
        Assert.False(WaitStatus.Signaled(0x7f));
    }

    [Fact]
    public void ProcessTable_TryParseStat_HandlesCommWithSpacesAndParens()
    {
        Assert.True(ProcessTable.TryParseStat("4242 (my (odd) name) S 1 4242 4240 0 -1", out var entry));

        Assert.Equal(new ProcessEntry(4242, 1, 4242, 4240), entry);
    }

    [Fact]
    public void ProcessTable_ParseStartTime_ReadsField22_AndTreatsZombiesAsGone()
    {
        const string fields = "1 4242 4240 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 1 0 987654 1000000 200";

        Assert.Equal(987654ul, ProcessTable.ParseStartTime("4242 (sh (x)) S " + fields));
        Assert.Null(ProcessTable.ParseStartTime("4242 (sh) Z " + fields));
        Assert.Null(ProcessTable.ParseStartTime("4242 (sh) S 1 2"));
        Assert.Equal(ProcessTable.StartTime(Environment.ProcessId), ProcessTable.StartTime(Environment.ProcessId));
        Assert.NotNull(ProcessTable.StartTime(Environment.ProcessId));
    }

    [Fact]
    public void ProcessTable_TreeMembers_FollowsParentsAndSession()
    {
        ProcessEntry[] table =
        [
            new(100, 1, 100, 100), new(101, 100, 100, 100), new(102, 101, 102, 102), new(103, 102, 103, 103),
            new(104, 1, 104, 100), new(200, 1, 200, 200),
        ];

        var members = ProcessTable.TreeMembers(table, 100);

        Assert.Equal([101, 102, 103, 104], members.Order());
    }
}
