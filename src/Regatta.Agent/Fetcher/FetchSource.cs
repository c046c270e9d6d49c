namespace Regatta.Agent.Fetcher;

/// <summary>
/// Where one CommandInfo.URI value points: an http(s) URL, or a local file (an absolute path or a file:// URL),
/// and the file name it gets in the sandbox when no output_file is given. Pure.
/// </summary>
internal sealed record FetchSource(Uri? Url, string? LocalPath, string FileName)
{
    public bool IsHttp => Url is not null;

    /// <summary>Classifies <paramref name="value"/>; <paramref name="error"/> says why it cannot be fetched.</summary>
    public static bool TryParse(string value, out FetchSource source, out string error)
    {
        source = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "the URI is empty";
            return false;
        }

        if (value.StartsWith('/'))
        {
            return Local(value, out source, out error);
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            error = value.Contains("://", StringComparison.Ordinal)
                ? "not a valid URI"
                : "a local path must be absolute (or use a file:// or http(s):// URI)";
            return false;
        }

        switch (uri.Scheme)
        {
            case "file":
                return Local(uri.LocalPath, out source, out error);
            case "http" or "https":
                var name = Uri.UnescapeDataString(uri.AbsolutePath.Split('/')[^1]);
                if (name.Length == 0 || name is "." or "..")
                {
                    error = "the URL names no file; set output_file";
                    return false;
                }

                source = new FetchSource(uri, null, name);
                return true;
            default:
                error = $"unsupported scheme '{uri.Scheme}' (supported: http, https, file and absolute paths)";
                return false;
        }
    }

    private static bool Local(string path, out FetchSource source, out string error)
    {
        source = null!;
        error = "";
        var name = Path.GetFileName(path);
        if (name.Length == 0 || name is "." or "..")
        {
            error = "the path names no file";
            return false;
        }

        source = new FetchSource(null, path, name);
        return true;
    }
}
