namespace Regatta.Agent.Containerizers.Docker;

/// <summary>Splits an image reference into the repository and tag (or digest) that <c>POST /images/create</c> takes.</summary>
internal static class DockerImageName
{
    public static (string Repository, string? Tag) Split(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (image[..at], image[(at + 1)..]);
        }

        // A colon after the last slash is a tag; one before it belongs to a registry host:port.
        var colon = image.LastIndexOf(':');
        var slash = image.LastIndexOf('/');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
