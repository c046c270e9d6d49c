namespace Regatta.Services.Deployments;

/// <summary>
/// The fixed numbers of one <c>RestartApplication</c> towards <see cref="App"/>: at least
/// <see cref="HealthFloor"/> serving tasks (old or new) stay up, and at most <see cref="MaxCapacity"/> tasks
/// exist. Progress itself is read from the task list on every call, so nothing else needs remembering and a
/// new leader can take over a half-done restart.
/// </summary>
internal sealed record RestartState
{
    // Absorbs representation error such as 100 × 0.07 = 7.000000000000001, which would otherwise round up.
    private const double Epsilon = 1e-9;

    public RestartState(PlannedApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        App = app;
        MinHealthy = (int)Math.Ceiling((app.Instances * app.MinimumHealthCapacity) - Epsilon);
        var capacity = (int)Math.Floor((app.Instances * (1 + app.MaximumOverCapacity)) + Epsilon);
        var floor = MinHealthy;
        if (app.Instances > 0 && MinHealthy >= capacity)
        {
            // Without slack, no new task could start without dropping below the floor.
            if (app.IsResident)
            {
                floor = Math.Max(0, MinHealthy - 1);
            }
            else
            {
                capacity = MinHealthy + 1;
            }
        }

        MaxCapacity = capacity;
        HealthFloor = floor;
    }

    public PlannedApp App { get; }

    /// <summary><c>ceil(instances × minimumHealthCapacity)</c>.</summary>
    public int MinHealthy { get; }

    /// <summary><c>floor(instances × (1 + maximumOverCapacity))</c>, one more when that leaves no slack.</summary>
    public int MaxCapacity { get; }

    /// <summary><see cref="MinHealthy"/>, one less for a resident app without slack.</summary>
    public int HealthFloor { get; }

    /// <summary>
    /// The task counts toward the health floor: running, healthy if checked, and for a new-version task also
    /// ready if readiness is checked.
    /// </summary>
    public bool IsServing(TaskView task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.IsRunningHealthy(App.HasHealthChecks)
            && (!App.HasReadinessChecks || !IsNew(task) || task.Ready == true);
    }

    public bool IsNew(TaskView task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Version == App.Version;
    }
}
