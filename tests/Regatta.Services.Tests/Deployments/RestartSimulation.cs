using Regatta.Services.Deployments;
using KillSelection = Regatta.Services.Model.KillSelection;

namespace Regatta.Services.Tests.Deployments;

/// <summary>
/// One seeded rolling restart on virtual time: a random upgrade strategy and starting fleet, tasks that
/// launch, turn healthy and ready at random, and (in chaos mode) fail, flap and go unreachable. Each tick asks
/// <see cref="RollingRestart.Next"/>, checks the invariants with its own counting, applies the decision and
/// lets the world move. A failed check names the seed.
/// </summary>
internal sealed class RestartSimulation
{
    private readonly Random _random;
    private readonly bool _chaos;
    private readonly List<SimTask> _tasks = [];
    private int _nextId;
    private int _maxServingSeen;

    public RestartSimulation(int seed, bool chaos)
    {
        Seed = seed;
        _random = new Random(seed);
        _chaos = chaos;
        var hasHealth = _random.Next(2) == 0;
        App = new PlannedApp("/sim", "new", _random.Next(0, 9))
        {
            MinimumHealthCapacity = Pick(0.0, 0.25, 0.5, 0.7, 1.0, Math.Round(_random.NextDouble(), 2)),
            MaximumOverCapacity = Pick(0.0, 0.1, 0.5, 1.0, Math.Round(_random.NextDouble(), 2)),
            HasHealthChecks = hasHealth,
            HasReadinessChecks = _random.Next(3) == 0,
            IsResident = _random.Next(6) == 0,
            KillSelection = _random.Next(2) == 0 ? KillSelection.YoungestFirst : KillSelection.OldestFirst,
        };
        State = new RestartState(App);
        for (var i = _random.Next(0, App.Instances + 4); i > 0; i--)
        {
            AddStartingTask("old");
        }

        for (var i = _random.Next(0, 3); i > 0; i--)
        {
            AddStartingTask("new");
        }

        InitialOccupancy = Occupying();
    }

    public int Seed { get; }

    public PlannedApp App { get; }

    public RestartState State { get; }

    public int InitialOccupancy { get; }

    public int Ticks { get; private set; }

    /// <summary>Runs until the restart reports done; returns false if it did not within the tick limit.</summary>
    public bool Run(int maxTicks)
    {
        _maxServingSeen = Serving();
        for (Ticks = 0; Ticks < maxTicks; Ticks++)
        {
            var decision = RollingRestart.Next(State, [.. _tasks.Select(t => t.View(Ticks))]);
            Check(decision);
            if (decision.Done)
            {
                CheckFinal();
                return true;
            }

            Apply(decision);
            Evolve();
            CheckState();
        }

        return false;
    }

    private void Check(RestartDecision decision)
    {
        var killed = decision.Kills.Select(k => k.TaskId).ToList();
        Require(killed.Distinct().Count() == killed.Count, "a task is killed twice in one decision");
        var victims = killed.Select(id => _tasks.Single(t => t.Id == id)).ToList();
        Require(victims.All(t => t.IsLive), "a kill targets a task that is not live");
        var servingKilled = victims.Count(IsServing);
        var servingAfter = Serving() - servingKilled;
        Require(servingKilled == 0 || servingAfter >= State.HealthFloor,
            $"kills take serving tasks to {servingAfter}, below the floor {State.HealthFloor}");
        Require(decision.Launch == 0 || Occupying() + decision.Launch <= State.MaxCapacity,
            $"launching {decision.Launch} on {Occupying()} exceeds capacity {State.MaxCapacity}");
        Require(decision.Launch >= 0, "negative launch");
        Require(!decision.Done || (decision.Kills.Count == 0 && decision.Launch == 0), "done but still acting");
    }

    private void CheckState()
    {
        var occupying = Occupying();
        Require(InitialOccupancy > State.MaxCapacity || occupying <= State.MaxCapacity,
            $"{occupying} tasks exceed capacity {State.MaxCapacity}");
        var serving = Serving();
        if (!_chaos)
        {
            // Without failures only our kills lower the serving count, so it never falls under what was reached.
            Require(serving >= Math.Min(State.HealthFloor, _maxServingSeen),
                $"serving {serving} fell below min(floor {State.HealthFloor}, reached {_maxServingSeen})");
        }

        _maxServingSeen = Math.Max(_maxServingSeen, serving);
    }

    private void CheckFinal()
    {
        var live = _tasks.Where(t => t.Condition.OccupiesCapacity()).ToList();
        Require(live.Count == App.Instances, $"finished with {live.Count} tasks instead of {App.Instances}");
        Require(live.All(t => t.Version == "new" && IsServing(t) && t.Condition != TaskCondition.Killing),
            "finished with a task that is old, killing or not serving");
    }

    private void Apply(RestartDecision decision)
    {
        foreach (var kill in decision.Kills)
        {
            var task = _tasks.Single(t => t.Id == kill.TaskId);
            task.Condition = TaskCondition.Killing;
            task.KillDoneAt = Ticks + _random.Next(1, 4);
        }

        for (var i = 0; i < decision.Launch; i++)
        {
            _tasks.Add(new SimTask($"t{_nextId++}", decision.LaunchVersion, TaskCondition.Scheduled, Ticks));
        }
    }

    private void Evolve()
    {
        _tasks.RemoveAll(t => t.Condition.IsTerminal() || (t.Condition == TaskCondition.Killing && t.KillDoneAt <= Ticks));
        foreach (var task in _tasks)
        {
            if (_chaos && task.IsLive && Chance(0.01))
            {
                task.Condition = TaskCondition.Failed;
                continue;
            }

            switch (task.Condition)
            {
                case TaskCondition.Scheduled when Chance(0.5):
                    task.Condition = TaskCondition.Staging;
                    break;
                case TaskCondition.Staging when Chance(0.4):
                    task.Condition = TaskCondition.Running;
                    break;
                case TaskCondition.Unreachable when Chance(0.1):
                    task.Condition = TaskCondition.Running;
                    break;
                case TaskCondition.Running:
                    EvolveRunning(task);
                    break;
            }
        }
    }

    private void EvolveRunning(SimTask task)
    {
        if (_chaos && Chance(0.005))
        {
            task.Condition = TaskCondition.Unreachable;
            return;
        }

        if (App.HasHealthChecks)
        {
            if (task.Healthy != true && Chance(task.Healthy is null ? 0.3 : 0.2))
            {
                task.Healthy = true;
            }
            else if (_chaos && task.Healthy == true && Chance(0.01))
            {
                task.Healthy = false;
            }
        }

        if (App.HasReadinessChecks && task.Version == "new" && task.Ready != true
            && (!App.HasHealthChecks || task.Healthy == true) && Chance(0.3))
        {
            task.Ready = true;
        }
    }

    private void AddStartingTask(string version)
    {
        var roll = _random.Next(10);
        var condition = roll switch
        {
            0 => TaskCondition.Scheduled,
            1 => TaskCondition.Staging,
            2 => TaskCondition.Unreachable,
            _ => TaskCondition.Running,
        };
        var task = new SimTask($"t{_nextId++}", version, condition, -_random.Next(1, 1000));
        if (condition == TaskCondition.Running && App.HasHealthChecks)
        {
            task.Healthy = Pick<bool?>(true, true, true, false, null);
        }

        if (version == "new" && App.HasReadinessChecks && condition == TaskCondition.Running)
        {
            task.Ready = _random.Next(2) == 0;
        }

        _tasks.Add(task);
    }

    // Counted here independently of RestartState, so a bug there cannot hide itself.
    private bool IsServing(SimTask task) =>
        task.Condition == TaskCondition.Running
        && (!App.HasHealthChecks || task.Healthy == true)
        && (!App.HasReadinessChecks || task.Version != "new" || task.Ready == true);

    private int Serving() => _tasks.Count(IsServing);

    private int Occupying() => _tasks.Count(t => !t.Condition.IsTerminal() && t.Condition != TaskCondition.UnreachableInactive);

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(params T[] values) => values[_random.Next(values.Length)];

    private void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(
                $"seed {Seed} ({(_chaos ? "chaos" : "calm")}), tick {Ticks}, app {App.Instances} instances " +
                $"{{{App.MinimumHealthCapacity}, {App.MaximumOverCapacity}}} health={App.HasHealthChecks} " +
                $"readiness={App.HasReadinessChecks} resident={App.IsResident}: {message}");
        }
    }

    private sealed class SimTask(string id, string version, TaskCondition condition, int createdAt)
    {
        public string Id { get; } = id;

        public string Version { get; } = version;

        public TaskCondition Condition { get; set; } = condition;

        public bool? Healthy { get; set; }

        public bool? Ready { get; set; }

        public int KillDoneAt { get; set; }

        public bool IsLive => Condition.OccupiesCapacity() && Condition != TaskCondition.Killing;

        public TaskView View(int now) => new(
            Id, "/sim", Version, Condition, Healthy, Ready,
            StagedAt: Condition == TaskCondition.Scheduled ? null : Build.T0.AddSeconds(createdAt),
            RunningSince: Condition == TaskCondition.Running ? Build.T0.AddSeconds(createdAt + 1) : null,
            UnreachableSince: Condition == TaskCondition.Unreachable ? Build.T0.AddSeconds(now) : null);
    }
}
