using Microsoft.Extensions.Logging;
using Regatta.Services.Deployments;
using Regatta.Services.Model;
using Regatta.Services.Placement;
using V1 = Regatta.Protocol.V1;

namespace Regatta.Services.Core;

/// <summary>Builds the TaskInfo of one instance from its app, the matched offer and its task id.</summary>
internal delegate V1.TaskInfo TaskInfoBuilder(AppDefinition app, OfferMatch match, string taskId);

/// <summary>
/// The services scheduler as one state machine: the apps (their current definitions), their tasks, the running
/// deployments and the launch queue. API operations, master events (offers, status updates) and ticks come in with
/// the current time; an <see cref="ServicesOutbox"/> of store writes and effects goes out. It does no I/O and reads
/// no clock; the pure planner, reconciler and placement code decide, this class keeps the books. Not thread-safe:
/// the host calls it from one loop.
/// </summary>
internal sealed partial class ServicesCore
{
    private readonly Dictionary<PathId, AppDefinition> _apps = [];
    private readonly Dictionary<string, ServiceTask> _tasks = new(StringComparer.Ordinal);
    private readonly Dictionary<PathId, Dictionary<string, ServiceTask>> _tasksByApp = [];
    private readonly HashSet<ServiceTask> _queued = [];
    private readonly Dictionary<PathId, AppRuntime> _runtime = [];
    private readonly Dictionary<string, DeploymentRecord> _deployments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentView> _agents = new(StringComparer.Ordinal);
    private readonly ServicesCoreOptions _options;
    private readonly TaskInfoBuilder _buildTask;
    private readonly ILogger _logger;
    private readonly Random _random;
    private bool _suppressed;

    public ServicesCore(ServicesCoreOptions options, TaskInfoBuilder buildTask, Random random, ILogger logger)
    {
        _options = options;
        _buildTask = buildTask;
        _random = random;
        _logger = logger;
    }

    public ServicesOutbox Outbox { get; } = new();

    /// <summary>The framework id the master gave (null before the first subscription).</summary>
    public string? FrameworkId { get; private set; }

    public bool Subscribed { get; private set; }

    /// <summary>When <see cref="Tick"/> is next needed (backoff ends, timeouts, deadlines); null: only on events.</summary>
    public DateTimeOffset? NextCheckAt { get; private set; }

    public IReadOnlyDictionary<PathId, AppDefinition> Apps => _apps;

    public IReadOnlyDictionary<string, DeploymentRecord> Deployments => _deployments;

    public IEnumerable<ServiceTask> Tasks => _tasks.Values;

    public IEnumerable<ServiceTask> TasksOf(PathId appId) =>
        _tasksByApp.TryGetValue(appId, out var tasks) ? tasks.Values : [];

    public AppRuntime RuntimeOf(PathId appId)
    {
        if (!_runtime.TryGetValue(appId, out var runtime))
        {
            runtime = new AppRuntime();
            _runtime[appId] = runtime;
        }

        return runtime;
    }

    public bool TryGetTask(string taskId, out ServiceTask task) => _tasks.TryGetValue(taskId, out task!);

    /// <summary>Running deployments that touch the app.</summary>
    public IEnumerable<DeploymentRecord> DeploymentsOf(PathId appId) =>
        _deployments.Values.Where(d => d.Plan.AffectedApps.Contains(appId.ToString(), StringComparer.Ordinal));

    /// <summary>Restores what the store held (called once, before the first turn).</summary>
    public void Restore(ServicesSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        FrameworkId = snapshot.FrameworkId;
        foreach (var app in snapshot.Apps)
        {
            _apps[app.Id] = app;
        }

        foreach (var task in snapshot.Tasks)
        {
            AddTask(task);
            if (task.Agent is { } agent)
            {
                _agents[agent.AgentId] = agent;
            }
        }

        foreach (var deployment in snapshot.Deployments)
        {
            _deployments[deployment.Id] = deployment;
        }
    }

    private IReadOnlyList<TaskView> ViewsOf(PathId appId) => [.. TasksOf(appId).Select(t => t.ToView())];

    /// <summary>Every task is indexed by id and by app; queued ones are also in the launch queue.</summary>
    private void AddTask(ServiceTask task)
    {
        _tasks[task.Id] = task;
        if (!_tasksByApp.TryGetValue(task.AppId, out var tasks))
        {
            tasks = new Dictionary<string, ServiceTask>(StringComparer.Ordinal);
            _tasksByApp[task.AppId] = tasks;
        }

        tasks[task.Id] = task;
        if (task.Condition == TaskCondition.Scheduled)
        {
            _queued.Add(task);
        }
    }

    private void RemoveTask(ServiceTask task)
    {
        _tasks.Remove(task.Id);
        _queued.Remove(task);
        if (_tasksByApp.TryGetValue(task.AppId, out var tasks) && tasks.Remove(task.Id) && tasks.Count == 0)
        {
            _tasksByApp.Remove(task.AppId);
        }
    }

    private void Log(string message) => ServicesLog.CoreDecision(_logger, message);
}

/// <summary>Per-app scheduler state that is not part of the definition: launch backoff and why offers did not fit.</summary>
internal sealed class AppRuntime
{
    public LaunchBackoff? Backoff { get; set; }

    /// <summary>When queued tasks may be offered resources again (the backoff's end).</summary>
    public DateTimeOffset LaunchNotBefore { get; set; } = DateTimeOffset.MinValue;

    /// <summary>The last offers matched against the app (used or not), for rejectSummaryLastOffers.</summary>
    public List<OfferMatch> LastOffers { get; } = [];

    /// <summary>Every offer matched since the last launch, for rejectSummaryLaunchAttempt.</summary>
    public RejectSummary.Tally LaunchAttempt { get; } = new();

    public DateTimeOffset? LastUnusedOfferAt { get; set; }

    public DateTimeOffset? LastUsedOfferAt { get; set; }

    /// <summary>Since when instances of the app wait in the queue (null while none waits).</summary>
    public DateTimeOffset? QueuedSince { get; set; }

    public int ProcessedOffers { get; set; }

    public int UnusedOffers { get; set; }

    /// <summary>Marathon's lastTaskFailure.</summary>
    public TaskFailure? LastTaskFailure { get; set; }
}

/// <summary>The last failed task of an app, as <c>lastTaskFailure</c> shows it.</summary>
internal sealed record TaskFailure(string AppId, string TaskId, string State, string Message, string Host, DateTimeOffset Timestamp, DateTimeOffset Version, string? SlaveId);

/// <summary>What the store gave back on start-up.</summary>
internal sealed record ServicesSnapshot(string? FrameworkId, IReadOnlyList<AppDefinition> Apps, IReadOnlyList<ServiceTask> Tasks, IReadOnlyList<DeploymentRecord> Deployments);

/// <summary>The scheduler's settings that the core uses.</summary>
internal sealed record ServicesCoreOptions
{
    /// <summary>Decline offers for this long when nothing waits to launch (Marathon's --decline_offer_duration).</summary>
    public TimeSpan DeclineOfferDuration { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Decline unusable offers for this long while tasks wait (short, so the queue sees new resources soon).</summary>
    public TimeSpan WaitingDeclineDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>While tasks wait and no offer comes, REVIVE is sent again this often.</summary>
    public TimeSpan ReviveRepeatAfter { get; init; } = TimeSpan.FromSeconds(5);

    public ServicePortRange ServicePorts { get; init; } = new(10000, 20000);

    /// <summary>The role tasks launch under unless the app names one (Marathon's --mesos_role).</summary>
    public string Role { get; init; } = "*";

    public TimeSpan LaunchTimeout { get; init; } = Housekeeping.DefaultLaunchTimeout;

    /// <summary>Offers considered per app for the queue's summary.</summary>
    public int RejectSummaryOffers { get; init; } = 50;
}
