using System.Formats.Tar;
using System.IO.Compression;
using Regatta.Agent.Containerizers;

namespace Regatta.Agent.Fetcher;

/// <summary>
/// Unpacks .tar, .tar.gz, .tgz and .zip archives into a sandbox. Every entry (and every link target) must stay inside
/// the sandbox: an entry such as <c>../../etc/x</c> or a link to <c>/etc</c> fails the fetch instead of writing there.
/// Device and fifo entries are skipped; set-id bits are dropped.
/// </summary>
internal static class ArchiveExtractor
{
    private const UnixFileMode SafeModes = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>True when the file name has an extension this extractor unpacks.</summary>
    public static bool IsArchive(string fileName) => KindOf(fileName) is not null;

    /// <exception cref="ContainerLaunchException">The archive is corrupt or an entry escapes the sandbox.</exception>
    public static async Task ExtractAsync(string archive, string sandbox, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(sandbox);
        try
        {
            switch (KindOf(archive))
            {
                case "zip":
                    ExtractZip(archive, root);
                    break;
                case "tgz":
                    await using (var file = File.OpenRead(archive))
                    await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
                    {
                        await ExtractTarAsync(gzip, root, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case "tar":
                    await using (var file = File.OpenRead(archive))
                    {
                        await ExtractTarAsync(file, root, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                default:
                    break;
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new ContainerLaunchException($"Failed to extract '{Path.GetFileName(archive)}': {e.Message}", e);
        }
    }

    private static string? KindOf(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        return name.EndsWith(".zip", StringComparison.Ordinal) ? "zip"
            : name.EndsWith(".tar.gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal) ? "tgz"
            : name.EndsWith(".tar", StringComparison.Ordinal) ? "tar"
            : null;
    }

    private static async Task ExtractTarAsync(Stream stream, string root, CancellationToken cancellationToken)
    {
        await using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            var target = Inside(root, entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Delete(target);
                    await using (var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write))
                    {
                        if (entry.DataStream is { } data)
                        {
                            await data.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(target, (entry.Mode & SafeModes) | UnixFileMode.UserRead | UnixFileMode.UserWrite);
                    }

                    break;
                case TarEntryType.SymbolicLink:
                    // Only links that point down from where they are: with no '..' and no absolute target, a link can
                    // never lead out of the sandbox, however links are chained.
                    if (entry.LinkName.StartsWith('/') || entry.LinkName.Split('/').Contains(".."))
                    {
                        throw new InvalidDataException($"archive entry '{entry.Name}' links outside its directory ('{entry.LinkName}')");
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Delete(target);
                    File.CreateSymbolicLink(target, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    var source = Inside(root, entry.LinkName);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(source, target, overwrite: true);
                    break;
                default:
                    // Devices, fifos and metadata entries have no place in a sandbox.
                    break;
            }
        }
    }

    private static void ExtractZip(string archive, string root)
    {
        using var zip = ZipFile.OpenRead(archive);
        foreach (var entry in zip.Entries)
        {
            var target = Inside(root, entry.FullName);
            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                Directory.CreateDirectory(target);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            entry.ExtractToFile(target, overwrite: true);
            var mode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);
            if (mode != UnixFileMode.None && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, mode | UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    /// <summary>The full path of <paramref name="name"/> under <paramref name="root"/>, refusing anything outside it.</summary>
    private static string Inside(string root, string name)
    {
        var full = Path.GetFullPath(Path.Combine(root, name.TrimStart('/')));
        var escapes = name.StartsWith('/') || Path.IsPathRooted(name)
            || !(full == root || full.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal));
        if (escapes || name.Split('/', '\\').Contains(".."))
        {
            throw new InvalidDataException($"archive entry '{name}' would be written outside the sandbox");
        }

        return full;
    }
}
