namespace Regatta.Services.Model;

/// <summary><c>container.docker</c>: the image and Docker-only switches (privileged, parameters).</summary>
internal sealed record DockerSpec
{
    public required string Image { get; init; }

    public bool Privileged { get; init; }

    public bool ForcePullImage { get; init; }

    /// <summary>Extra <c>docker run</c> options as key/value pairs, in the order given.</summary>
    public ValueArray<DockerParameter> Parameters { get; init; }
}
