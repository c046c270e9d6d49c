using System.Text.Json.Nodes;
using Regatta.Agent.Http;
using Regatta.Agent.Paths;
using Regatta.Agent.Tests.Support;

namespace Regatta.Agent.Tests.Http;

public sealed class SandboxFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SandboxFiles _files;
    private readonly string _sandbox;
    private readonly string _stdout;

    public SandboxFilesTests()
    {
        _files = new SandboxFiles(new AgentPaths(_dir.Path));
        _sandbox = Path.Combine(_dir.Path, "slaves", "A", "frameworks", "F", "executors", "t", "runs", "c1");
        Directory.CreateDirectory(_sandbox);
        _stdout = Path.Combine(_sandbox, "stdout");
        File.WriteAllText(_stdout, "0123456789");
        Directory.CreateDirectory(Path.Combine(_sandbox, "sub"));
    }

    [Fact]
    public void Read_OffsetAndLength_ReturnsThatSlice()
    {
        var result = _files.Read(_stdout, "2", "3");

        Assert.Equal(200, result.Status);
        Assert.Equal("234", (string?)result.Body!["data"]);
        Assert.Equal(2, (long)result.Body["offset"]!);
    }

    [Fact]
    public void Read_OffsetMinusOneOrMissing_ReturnsTheSize()
    {
        foreach (var offset in new[] { "-1", null })
        {
            var body = _files.Read(_stdout, offset, null).Body!;
            Assert.Equal("", (string?)body["data"]);
            Assert.Equal(10, (long)body["offset"]!);
        }
    }

    [Fact]
    public void Read_NoLength_ReadsToTheEnd_AndPastTheEndReadsNothing()
    {
        Assert.Equal("789", (string?)_files.Read(_stdout, "7", null).Body!["data"]);
        Assert.Equal("", (string?)_files.Read(_stdout, "50", null).Body!["data"]);
    }

    [Fact]
    public void Read_LengthAboveTheCap_IsCapped()
    {
        var big = Path.Combine(_sandbox, "big");
        File.WriteAllText(big, new string('x', SandboxFiles.MaxReadLength * 2));

        var data = (string?)_files.Read(big, "0", (SandboxFiles.MaxReadLength * 2).ToString(System.Globalization.CultureInfo.InvariantCulture)).Body!["data"];

        Assert.Equal(SandboxFiles.MaxReadLength, data!.Length);
    }

    [Theory]
    [InlineData("abc", null, "offset")]
    [InlineData("-5", null, "offset")]
    [InlineData("0", "x", "length")]
    [InlineData("0", "-2", "length")]
    public void Read_BadNumbers_Are400NamingTheParameter(string offset, string? length, string parameter)
    {
        var result = _files.Read(_stdout, offset, length);

        Assert.Equal(400, result.Status);
        Assert.Contains(parameter, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Directory_Is400() => Assert.Equal(400, _files.Read(_sandbox, "0", null).Status);

    [Fact]
    public void Read_PathTraversalOutsideWorkDir_IsForbidden()
    {
        var result = _files.Read(_sandbox + "/../../../../../../../../../../etc/passwd", "0", null);

        Assert.Equal(403, result.Status);
    }

    [Fact]
    public void Read_SymlinkPointingOutside_IsForbidden()
    {
        var link = Path.Combine(_sandbox, "escape");
        File.CreateSymbolicLink(link, "/etc/passwd");

        Assert.Equal(403, _files.Read(link, "0", null).Status);
        Assert.Equal(403, _files.Browse(link).Status);
    }

    [Fact]
    public void Read_MissingOrRelativeOrAbsentPath_IsAnError()
    {
        Assert.Equal(404, _files.Read(Path.Combine(_sandbox, "nope"), "0", null).Status);
        Assert.Equal(400, _files.Read("relative/stdout", "0", null).Status);
        Assert.Equal(400, _files.Read(null, "0", null).Status);
    }

    [Fact]
    public void Browse_Directory_ListsEntriesWithMesosFields()
    {
        var result = _files.Browse(_sandbox + "/");

        var entries = Assert.IsType<JsonArray>(result.Body).Select(e => e!.AsObject()).ToList();
        Assert.Equal([_sandbox + "/stdout", _sandbox + "/sub"], entries.Select(e => (string?)e["path"]).Order().ToList());
        var stdout = entries.Single(e => ((string?)e["path"])!.EndsWith("stdout", StringComparison.Ordinal));
        Assert.Equal(10, (long)stdout["size"]!);
        Assert.Equal(1, (long)stdout["nlink"]!);
        Assert.Matches("^-[rwx-]{9}$", (string?)stdout["mode"]);
        Assert.Equal(Environment.UserName, (string?)stdout["uid"]);
        Assert.True((double)stdout["mtime"]! > 1.6e9);
        var sub = entries.Single(e => ((string?)e["path"])!.EndsWith("sub", StringComparison.Ordinal));
        Assert.StartsWith("d", (string?)sub["mode"], StringComparison.Ordinal);
    }

    [Fact]
    public void Browse_SymlinkInsideWorkDir_IsFollowed()
    {
        var runs = Path.GetDirectoryName(_sandbox)!;
        File.CreateSymbolicLink(Path.Combine(runs, "latest"), "c1");

        var result = _files.Browse(Path.Combine(runs, "latest"));

        Assert.Equal(200, result.Status);
        Assert.Contains(result.Body!.AsArray(), e => (string?)e!["path"] == Path.Combine(runs, "latest", "stdout"));
    }

    [Fact]
    public void Browse_OutsideWorkDir_IsForbidden() => Assert.Equal(403, _files.Browse("/etc").Status);

    public void Dispose() => _dir.Dispose();
}
