namespace Regatta.Services.Model;

/// <summary>
/// <c>fetch[]</c>: an artifact the agent downloads into the sandbox before the task starts. On the wire the target
/// file name is Marathon's <c>destPath</c> (Mesos calls it <c>output_file</c>).
/// </summary>
internal sealed record FetchUri(string Uri)
{
    private static readonly string[] ArchiveExtensions = [".tar", ".tar.gz", ".tar.bz2", ".tar.xz", ".gz", ".tgz", ".tbz2", ".txz", ".zip"];

    public bool Extract { get; init; } = true;

    public bool Executable { get; init; }

    public bool Cache { get; init; }

    public string? OutputFile { get; init; }

    /// <summary>Extensions the Mesos fetcher unpacks; a legacy <c>uris</c> entry with one of them gets <c>extract</c>.</summary>
    public static bool IsArchive(string uri)
    {
        var path = uri;
        var cut = path.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            path = path[..cut];
        }

        return ArchiveExtensions.Any(e => path.EndsWith(e, StringComparison.Ordinal));
    }
}
