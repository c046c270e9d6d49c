using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Regatta.Agent.Paths;
using Regatta.Agent.Posix;

namespace Regatta.Agent.Http;

/// <summary>
/// Mesos's <c>/files/browse</c> and <c>/files/read</c> over the agent's work directory. Paths are absolute; anything
/// outside work_dir, lexically or once symlinks are resolved (a task may plant a link to /etc), is refused with 403.
/// </summary>
internal sealed class SandboxFiles(AgentPaths paths)
{
    /// <summary>Mesos caps a read at 16 pages.</summary>
    public const int MaxReadLength = 16 * 4096;

    public FilesResult Browse(string? path)
    {
        if (!TryResolve(path, out var full, out var error))
        {
            return error!;
        }

        var requested = path!.Length > 1 ? path.TrimEnd('/') : path;
        var entries = new JsonArray();
        if (Directory.Exists(full))
        {
            foreach (var child in Directory.EnumerateFileSystemEntries(full).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(child);
                if (Entry(requested == "/" ? "/" + name : requested + "/" + name, child) is { } entry)
                {
                    entries.Add(entry);
                }
            }
        }
        else if (Entry(requested, full) is { } entry)
        {
            entries.Add(entry);
        }

        return FilesResult.Ok(entries);
    }

    public FilesResult Read(string? path, string? offsetText, string? lengthText)
    {
        if (!TryResolve(path, out var full, out var error))
        {
            return error!;
        }

        if (Directory.Exists(full))
        {
            return FilesResult.Fail(400, "Cannot read a directory");
        }

        long offset = -1;
        if (!string.IsNullOrEmpty(offsetText))
        {
            if (!long.TryParse(offsetText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out offset))
            {
                return FilesResult.Fail(400, $"Failed to parse offset: '{offsetText}' is not an integer");
            }

            if (offset < -1)
            {
                return FilesResult.Fail(400, $"Negative offset provided: {offset}");
            }
        }

        var length = MaxReadLength;
        if (!string.IsNullOrEmpty(lengthText))
        {
            if (!long.TryParse(lengthText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var requested))
            {
                return FilesResult.Fail(400, $"Failed to parse length: '{lengthText}' is not an integer");
            }

            if (requested < -1)
            {
                return FilesResult.Fail(400, $"Negative length provided: {requested}");
            }

            if (requested >= 0)
            {
                length = (int)Math.Min(requested, MaxReadLength);
            }
        }

        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var size = stream.Length;
            if (offset == -1 || offset >= size)
            {
                return FilesResult.Ok(new JsonObject { ["data"] = "", ["offset"] = size });
            }

            stream.Seek(offset, SeekOrigin.Begin);
            var buffer = new byte[(int)Math.Min(length, size - offset)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return FilesResult.Ok(new JsonObject { ["data"] = Encoding.UTF8.GetString(buffer, 0, read), ["offset"] = offset });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return FilesResult.Fail(500, $"Failed to read '{path}': {e.Message}");
        }
    }

    /// <summary>The resolved file to download, or the error.</summary>
    public FilesResult ResolveFile(string? path, out string? full)
    {
        if (!TryResolve(path, out full, out var error))
        {
            return error!;
        }

        return Directory.Exists(full) ? FilesResult.Fail(400, "Cannot download a directory") : FilesResult.Ok(new JsonObject());
    }

    private bool TryResolve(string? path, out string full, out FilesResult? error)
    {
        full = "";
        error = null;
        if (string.IsNullOrEmpty(path))
        {
            error = FilesResult.Fail(400, "Expecting 'path=value' in query");
            return false;
        }

        if (!path.StartsWith('/') || path.Contains('\0', StringComparison.Ordinal))
        {
            error = FilesResult.Fail(400, $"Invalid 'path': '{path}' must be an absolute path");
            return false;
        }

        full = Path.GetFullPath(path);
        if (!paths.Contains(full))
        {
            error = FilesResult.Fail(403, $"'{path}' is outside the agent's work directory");
            return false;
        }

        if (!File.Exists(full) && !Directory.Exists(full))
        {
            error = FilesResult.Fail(404, $"No file or directory at '{path}'");
            return false;
        }

        var real = Libc.ResolvePath(full);
        var realRoot = Libc.ResolvePath(paths.WorkDir) ?? paths.WorkDir;
        if (real is null || !(real == realRoot || real.StartsWith(realRoot.TrimEnd('/') + "/", StringComparison.Ordinal)))
        {
            error = FilesResult.Fail(403, $"'{path}' resolves outside the agent's work directory");
            return false;
        }

        full = real;
        return true;
    }

    private static JsonObject? Entry(string shownPath, string fullPath)
    {
        var status = FileStatus.TryGet(fullPath);
        if (status is null)
        {
            return null;
        }

        return new JsonObject
        {
            ["path"] = shownPath,
            ["nlink"] = (long)status.NLink,
            ["size"] = (long)status.Size,
            ["mtime"] = status.MtimeSeconds,
            ["mode"] = FileModeText.Format(status.Mode),
            ["uid"] = status.User,
            ["gid"] = status.Group,
        };
    }
}
