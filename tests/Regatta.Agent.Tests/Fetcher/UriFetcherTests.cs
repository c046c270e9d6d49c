using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Regatta.Agent.Containerizers;
using Regatta.Agent.Fetcher;
using Regatta.Agent.Tests.Support;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Agent.Tests.Fetcher;

[UnsupportedOSPlatform("windows")]
public sealed class UriFetcherTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _sandbox;
    private readonly string _source;
    private readonly UriFetcher _fetcher;

    public UriFetcherTests()
    {
        _sandbox = Directory.CreateDirectory(Path.Combine(_dir.Path, "sandbox")).FullName;
        _source = Directory.CreateDirectory(Path.Combine(_dir.Path, "source")).FullName;
        _fetcher = new UriFetcher(
            new FetcherCache(Path.Combine(_dir.Path, "cache"), 1 << 20, NullLogger.Instance),
            UriFetcher.CreateHttpClient(),
            TimeSpan.FromSeconds(10),
            TimeProvider.System,
            NullLogger.Instance);
    }

    [Fact]
    public async Task FetchAll_LocalPathAndFileUrl_CopiedIntoSandbox()
    {
        var file = Path.Combine(_source, "conf.txt");
        await File.WriteAllTextAsync(file, "local");

        await FetchAsync(Uri(file), Uri("file://" + file, outputFile: "copy.txt"));

        Assert.Equal("local", await File.ReadAllTextAsync(Path.Combine(_sandbox, "conf.txt")));
        Assert.Equal("local", await File.ReadAllTextAsync(Path.Combine(_sandbox, "copy.txt")));
    }

    [Fact]
    public async Task FetchAll_HttpUrl_DownloadsUnderItsNameOrOutputFile()
    {
        await using var server = await LocalHttpServer.StartAsync((context, _) => context.Response.WriteAsync("body of " + context.Request.Path));

        await FetchAsync(Uri(server.Url("/files/app.cfg")), Uri(server.Url("/files/other"), outputFile: "sub/renamed.cfg"));

        Assert.Equal("body of /files/app.cfg", await File.ReadAllTextAsync(Path.Combine(_sandbox, "app.cfg")));
        Assert.Equal("body of /files/other", await File.ReadAllTextAsync(Path.Combine(_sandbox, "sub", "renamed.cfg")));
    }

    [Fact]
    public async Task FetchAll_Http404_FailsNamingUriAndStatus()
    {
        await using var server = await LocalHttpServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        var url = server.Url("/missing.tgz");

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(() => FetchAsync(Uri(url)));

        Assert.Equal($"Failed to fetch '{url}': 404 Not Found", error.Message);
        Assert.False(File.Exists(Path.Combine(_sandbox, "missing.tgz")));
    }

    [Fact]
    public async Task FetchAll_BadUris_FailWithTheReason()
    {
        Assert.Contains("No such file", (await Assert.ThrowsAsync<ContainerLaunchException>(() => FetchAsync(Uri("/no/such/file")))).Message, StringComparison.Ordinal);
        Assert.Contains("absolute", (await Assert.ThrowsAsync<ContainerLaunchException>(() => FetchAsync(Uri("relative/file")))).Message, StringComparison.Ordinal);
        Assert.Contains("unsupported scheme 'ftp'", (await Assert.ThrowsAsync<ContainerLaunchException>(() => FetchAsync(Uri("ftp://host/x")))).Message, StringComparison.Ordinal);
        var local = Path.Combine(_source, "f");
        await File.WriteAllTextAsync(local, "x");
        Assert.Contains("output_file", (await Assert.ThrowsAsync<ContainerLaunchException>(() => FetchAsync(Uri(local, outputFile: "../escape")))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAll_TarGzAndZip_AreExtractedUnlessExtractIsFalse()
    {
        var tgz = Path.Combine(_source, "app.tar.gz");
        await WriteTarGzAsync(tgz, ("bin/run.sh", "#!/bin/sh\necho run\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), ("data/a.txt", "A", UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var zip = Path.Combine(_source, "site.zip");
        WriteZip(zip, ("www/index.html", "<html/>"));
        var plainTar = Path.Combine(_source, "keep.tar");
        await WriteTarGzAsync(plainTar, ("x", "y", UnixFileMode.UserRead));
        var noExtract = Uri(plainTar);
        noExtract.Extract = false;

        await FetchAsync(Uri(tgz), Uri(zip), noExtract);

        Assert.Equal("A", await File.ReadAllTextAsync(Path.Combine(_sandbox, "data", "a.txt")));
        Assert.True(File.GetUnixFileMode(Path.Combine(_sandbox, "bin", "run.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("<html/>", await File.ReadAllTextAsync(Path.Combine(_sandbox, "www", "index.html")));
        Assert.True(File.Exists(Path.Combine(_sandbox, "app.tar.gz")));
        Assert.True(File.Exists(Path.Combine(_sandbox, "keep.tar")));
        Assert.False(File.Exists(Path.Combine(_sandbox, "x")));
    }

    [Fact]
    public async Task FetchAll_Executable_SetsExecuteBitAndDoesNotExtract()
    {
        var tool = Path.Combine(_source, "tool.tar");
        await WriteTarGzAsync(tool, ("inner", "z", UnixFileMode.UserRead));
        var uri = Uri(tool);
        uri.Executable = true;

        await FetchAsync(uri);

        var mode = File.GetUnixFileMode(Path.Combine(_sandbox, "tool.tar"));
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute) && mode.HasFlag(UnixFileMode.OtherExecute));
        Assert.False(File.Exists(Path.Combine(_sandbox, "inner")));
    }

    [Fact]
    public async Task FetchAll_TarEntryEscapingTheSandbox_IsRejected()
    {
        var evil = Path.Combine(_source, "evil.tgz");
        await WriteTarGzAsync(evil, ("../../escaped.txt", "pwned", UnixFileMode.UserRead));

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(() => FetchAsync(Uri(evil)));

        Assert.Contains("outside the sandbox", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "escaped.txt")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_dir.Path)!, "escaped.txt")));
    }

    [Fact]
    public async Task FetchAll_ZipEntryEscapingTheSandbox_IsRejected()
    {
        var evil = Path.Combine(_source, "evil.zip");
        WriteZip(evil, ("../zip-escaped.txt", "pwned"));

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(() => FetchAsync(Uri(evil)));

        Assert.Contains("outside the sandbox", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "zip-escaped.txt")));
    }

    [Fact]
    public async Task FetchAll_TarSymlinkLeavingTheSandbox_IsRejected()
    {
        var evil = Path.Combine(_source, "link.tar");
        await using (var file = File.Create(evil))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "etc") { LinkName = "/etc" });
        }

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(() => FetchAsync(Uri(evil)));

        Assert.Contains("links outside", error.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(Path.Combine(_sandbox, "etc")));
    }

    [Fact]
    public async Task FetchAll_CachedUri_SecondFetchDoesNotHitTheServer()
    {
        await using var server = await LocalHttpServer.StartAsync((context, hit) => context.Response.WriteAsync("v" + hit));
        var uri = Uri(server.Url("/pkg.bin"));
        uri.Cache = true;

        await FetchAsync(uri);
        File.Delete(Path.Combine(_sandbox, "pkg.bin"));
        await FetchAsync(uri);

        Assert.Equal(1, server.Hits);
        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Combine(_sandbox, "pkg.bin")));
        Assert.Equal(1, _fetcher.Cache.Count);
    }

    public void Dispose()
    {
        _fetcher.Dispose();
        _dir.Dispose();
    }

    internal static async Task WriteTarGzAsync(string path, params (string Name, string Content, UnixFileMode Mode)[] entries)
    {
        await using var file = File.Create(path);
        Stream stream = file;
        await using var gzip = path.EndsWith(".tar", StringComparison.Ordinal)
            ? null
            : new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
        stream = gzip ?? stream;
        await using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content, mode) in entries)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    Mode = mode,
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
                };
                await writer.WriteEntryAsync(entry);
            }
        }
    }

    internal static void WriteZip(string path, params (string Name, string Content)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(content);
        }
    }

    private static V1.CommandInfo.Types.URI Uri(string value, string? outputFile = null)
    {
        var uri = new V1.CommandInfo.Types.URI { Value = value };
        if (outputFile is not null)
        {
            uri.OutputFile = outputFile;
        }

        return uri;
    }

    private Task FetchAsync(params V1.CommandInfo.Types.URI[] uris) => _fetcher.FetchAllAsync(uris, _sandbox, null, CancellationToken.None);
}
