using Microsoft.AspNetCore.Http;
using Regatta.Services.Core;
using Regatta.Services.Health;
using Regatta.Services.Launching;
using Regatta.Services.Model;

namespace Regatta.Services.Http;

/// <summary>Shared pieces of the REST layer: parse options, health results of a task (and their version), api_post_event.</summary>
internal sealed class ServicesApiContext(
    AppParseOptions parseOptions,
    Func<ServiceTask, IReadOnlyList<TaskHealthView>> health,
    Func<IEnumerable<string>, IReadOnlyList<ReadinessResult>> readiness,
    Func<long> healthVersion,
    Action<HttpContext, AppDefinition> postEvent)
{
    public AppParseOptions ParseOptions { get; } = parseOptions;

    /// <summary>Changes whenever a task's health results may have changed (outside the scheduler's loop).</summary>
    public long HealthVersion => healthVersion();

    public IReadOnlyList<TaskHealthView> HealthOf(ServiceTask task) => health(task);

    /// <summary>The latest readiness results of these tasks (readinessCheckResults).</summary>
    public IReadOnlyList<ReadinessResult> ReadinessOf(IEnumerable<string> taskIds) => readiness(taskIds);

    public void PostEvent(HttpContext context, AppDefinition app) => postEvent(context, app);
}
