namespace Regatta.Services.Deployments;

/// <summary>The kinds of deployment action for apps; the names are Marathon's wire names.</summary>
internal enum DeploymentActionKind
{
    StartApplication,
    ScaleApplication,
    RestartApplication,
    StopApplication,
}
