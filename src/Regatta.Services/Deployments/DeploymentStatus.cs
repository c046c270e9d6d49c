namespace Regatta.Services.Deployments;

/// <summary>Where a deployment is in its life.</summary>
internal enum DeploymentStatus
{
    Running,
    Succeeded,

    /// <summary>Our extension: an action missed its deadline; the caller rolls the deployment back.</summary>
    Failed,
}
