using Regatta.Resources;

namespace Regatta.Allocation.Tests.Simulation;

public sealed class ClusterSimulationTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public void Run_DrfPaperExample_GivesAThreeTasksAndBTwo()
    {
        // DRF paper §4: <9 CPU, 18 GB>; A needs <1 CPU, 4 GB>, B <3 CPU, 1 GB>; both end at dominant share 2/3.
        var sim = new ClusterSimulation(seed: 7);
        sim.AddAgent("agent-1", "cpus:9;mem:18432");
        sim.AddFramework(new SimulatedFramework("A", "*", ResourceText.Parse("cpus:1;mem:4096")));
        sim.AddFramework(new SimulatedFramework("B", "*", ResourceText.Parse("cpus:3;mem:1024")));

        sim.Run(20, OneSecond);

        Assert.Equal(3, sim.TaskCount("A"));
        Assert.Equal(2, sim.TaskCount("B"));
        Assert.Equal(2.0 / 3, sim.Allocator.FrameworkShare("A", "*"), 6);
        Assert.Equal(2.0 / 3, sim.Allocator.FrameworkShare("B", "*"), 6);
        Assert.Equal(ResourceText.Parse("mem:4096"), sim.Allocator.AgentAvailable("agent-1"));
    }

    [Fact]
    public void Run_RoleWeightTwo_GetsTwiceTheResources()
    {
        var options = AllocatorOptions.Default with { Weights = new Dictionary<string, double> { ["gold"] = 2 } };
        var sim = new ClusterSimulation(seed: 3, options);
        sim.AddAgent("agent-1", "cpus:30;mem:30000");
        sim.AddFramework(new SimulatedFramework("g", "gold", ResourceText.Parse("cpus:1;mem:1000")));
        sim.AddFramework(new SimulatedFramework("s", "silver", ResourceText.Parse("cpus:1;mem:1000")));

        sim.Run(60, OneSecond);

        Assert.Equal(20, sim.TaskCount("g"));
        Assert.Equal(10, sim.TaskCount("s"));
        Assert.Equal(sim.Allocator.DominantShare("gold"), sim.Allocator.DominantShare("silver"), 6);
    }

    [Fact]
    public void Run_StaticReservation_OnlyItsRoleUsesReservedResources()
    {
        var sim = new ClusterSimulation(seed: 11);
        sim.AddAgent("agent-1", "cpus(web):4;mem(web):4096;cpus:2;mem:2048");
        sim.AddFramework(new SimulatedFramework("web-fw", "web", ResourceText.Parse("cpus:1;mem:1024")));
        sim.AddFramework(new SimulatedFramework("batch", "batch", ResourceText.Parse("cpus:1;mem:1024")));

        sim.Run(30, OneSecond);

        var batchUsed = sim.Tasks.Where(t => t.FrameworkId == "batch").Aggregate(ResourceSet.Empty, (s, t) => s + t.Resources);
        Assert.True(batchUsed.Reserved.IsEmpty, $"batch got reserved resources: {batchUsed}");
        Assert.Equal(6, sim.TaskCount("web-fw") + sim.TaskCount("batch"));
        Assert.True(sim.TaskCount("web-fw") >= 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Run_RandomClusters_KeepInvariants(int seed)
    {
        var random = new Random(seed);
        var sim = new ClusterSimulation(seed);
        var roles = new[] { "*", "web", "batch", "eng/backend" };
        for (var i = 0; i < random.Next(1, 30); i++)
        {
            var reservedRole = roles[random.Next(1, roles.Length)];
            var text = $"cpus:{random.Next(1, 16)};mem:{random.Next(256, 65536)};disk:{random.Next(0, 1000)}";
            if (random.Next(3) == 0)
            {
                text += $";cpus({reservedRole}):{random.Next(1, 4)};mem({reservedRole}):{random.Next(64, 4096)}";
            }

            sim.AddAgent($"agent-{i:D3}", text);
        }

        for (var f = 0; f < random.Next(1, 12); f++)
        {
            sim.AddFramework(new SimulatedFramework(
                $"fw-{f:D2}",
                roles[random.Next(roles.Length)],
                ResourceText.Parse($"cpus:{random.Next(1, 40) / 10.0};mem:{random.Next(32, 4096)}"),
                TasksPerOffer: random.Next(1, 4),
                MaxTasks: random.Next(1, 200),
                RefuseSeconds: random.Next(3) == 0 ? random.Next(1, 10) : 0,
                TaskDuration: random.Next(2) == 0 ? null : TimeSpan.FromSeconds(random.Next(1, 20))));
        }

        sim.Run(120, TimeSpan.FromMilliseconds(random.Next(100, 3000)));

        Assert.True(sim.OffersMade > 0, $"seed {seed}: no offers at all");
    }
}
