namespace Regatta.Agent.Containerizers;

/// <summary>The container could not be started; the message is fit for the task status the framework sees.</summary>
internal sealed class ContainerLaunchException : Exception
{
    public ContainerLaunchException(string message)
        : base(message)
    {
    }

    public ContainerLaunchException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ContainerLaunchException()
    {
    }
}
