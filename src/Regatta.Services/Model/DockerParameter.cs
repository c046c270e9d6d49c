namespace Regatta.Services.Model;

/// <summary>One <c>container.docker.parameters</c> entry, e.g. <c>{"key":"label","value":"a=b"}</c>.</summary>
internal sealed record DockerParameter(string Key, string Value);
