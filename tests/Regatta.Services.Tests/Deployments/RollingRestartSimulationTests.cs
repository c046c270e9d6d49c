namespace Regatta.Services.Tests.Deployments;

public sealed class RollingRestartSimulationTests
{
    private const int Runs = 1000;
    private const int MaxTicks = 5000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Next_RandomRestarts_KeepFloorAndCapacityAndFinish(bool chaos)
    {
        var shapes = new HashSet<(int, int, int)>();
        for (var seed = 1; seed <= Runs; seed++)
        {
            var sim = new RestartSimulation(seed, chaos);
            var finished = sim.Run(MaxTicks);

            Assert.True(finished, $"seed {seed}: restart not done after {MaxTicks} ticks");
            shapes.Add((sim.State.MinHealthy, sim.State.MaxCapacity, sim.App.Instances));
        }

        // The seeds must cover many different strategies, not one shape repeated.
        Assert.True(shapes.Count > 60, $"only {shapes.Count} distinct (floor, capacity, instances) shapes");
    }
}
