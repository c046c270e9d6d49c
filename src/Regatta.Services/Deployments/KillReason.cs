namespace Regatta.Services.Deployments;

/// <summary>Why the deployment code wants a task killed.</summary>
internal enum KillReason
{
    /// <summary>The app has more tasks than instances.</summary>
    ScalingDown,

    /// <summary>Named explicitly by <c>tasks/delete?scale=true</c>.</summary>
    Sentenced,

    /// <summary>Did not reach RUNNING within the launch timeout.</summary>
    LaunchTimeout,

    /// <summary>An old-version task replaced by a rolling restart.</summary>
    Upgrade,

    /// <summary>The app is being removed.</summary>
    Stop,
}
