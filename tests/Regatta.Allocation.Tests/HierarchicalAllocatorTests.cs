using Regatta.Resources;

namespace Regatta.Allocation.Tests;

public sealed class HierarchicalAllocatorTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ResourceSet R(string text) => ResourceText.Parse(text);

    private static HierarchicalAllocator NewAllocator(int seed = -1) => new(AllocatorOptions.Default with { Seed = seed });

    [Fact]
    public void Allocate_SameSeedSameEvents_GivesSameOffers()
    {
        string Run(int seed)
        {
            var allocator = NewAllocator(seed);
            for (var i = 0; i < 50; i++)
            {
                allocator.AddAgent($"a{i:D2}", R("cpus:1;mem:128"));
            }

            allocator.AddFramework("f1", ["x"], []);
            allocator.AddFramework("f2", ["y"], []);
            return string.Join(",", allocator.Allocate(T0).Offers.Select(o => $"{o.FrameworkId}@{o.AgentId}"));
        }

        Assert.Equal(Run(42), Run(42));
        Assert.NotEqual(Run(42), Run(43));
    }

    [Fact]
    public void Allocate_NegativeSeed_VisitsAgentsInIdOrder()
    {
        var allocator = NewAllocator();
        foreach (var id in new[] { "c", "a", "b" })
        {
            allocator.AddAgent(id, R("cpus:1;mem:128"));
        }

        allocator.AddFramework("f", ["*"], []);

        Assert.Equal(["a", "b", "c"], allocator.Allocate(T0).Offers.Select(o => o.AgentId).ToArray());
    }

    [Fact]
    public void Allocate_OfferedResources_AreNotOfferedAgainUntilRecovered()
    {
        var allocator = NewAllocator();
        allocator.AddAgent("a", R("cpus:2;mem:256"));
        allocator.AddFramework("f", ["*"], []);
        var offer = Assert.Single(allocator.Allocate(T0).Offers);

        Assert.Empty(allocator.Allocate(T0).Offers);
        allocator.Recover("f", "a", offer.Resources, null, T0);
        Assert.Equal(offer, Assert.Single(allocator.Allocate(T0).Offers));
    }

    [Fact]
    public void Recover_RefuseBelowInterval_FilterLastsOneInterval()
    {
        var allocator = new HierarchicalAllocator(AllocatorOptions.Default with { Seed = -1, AllocationInterval = TimeSpan.FromSeconds(3) });
        allocator.AddAgent("a", R("cpus:2;mem:256"));
        allocator.AddFramework("f", ["*"], []);
        var offer = Assert.Single(allocator.Allocate(T0).Offers);

        allocator.Recover("f", "a", offer.Resources, TimeSpan.FromSeconds(1), T0);

        Assert.Empty(allocator.Allocate(T0 + TimeSpan.FromSeconds(2.9)).Offers);
        Assert.Single(allocator.Allocate(T0 + TimeSpan.FromSeconds(3)).Offers);
    }

    [Fact]
    public void Recover_ZeroRefuse_InstallsNoFilter()
    {
        var allocator = NewAllocator();
        allocator.AddAgent("a", R("cpus:2;mem:256"));
        allocator.AddFramework("f", ["*"], []);
        var offer = Assert.Single(allocator.Allocate(T0).Offers);

        allocator.Recover("f", "a", offer.Resources, TimeSpan.Zero, T0);

        Assert.Equal(0, allocator.ActiveFilterCount("*"));
        Assert.Single(allocator.Allocate(T0).Offers);
    }

    [Fact]
    public void AddFramework_WithUsedAfterAgentReportedIt_DoesNotCountTwice()
    {
        var allocator = NewAllocator();
        allocator.AddAgent("a", R("cpus:4;mem:1024"), new Dictionary<string, ResourceSet> { ["f"] = R("cpus:1;mem:256") });

        allocator.AddFramework("f", ["*"], [], new Dictionary<string, ResourceSet> { ["a"] = R("cpus:1;mem:256") });

        Assert.Equal(R("cpus:3;mem:768"), allocator.AgentAvailable("a"));
        Assert.Equal(R("cpus:1;mem:256"), allocator.FrameworkAllocated("f", "a"));
        Assert.Equal(0.25, allocator.DominantShare("*"), 6);
    }

    [Fact]
    public void AddUsed_ReservedResources_CountInTheirRole()
    {
        var allocator = NewAllocator();
        allocator.AddAgent("a", R("cpus(web):2;cpus:2;mem:1024"));
        allocator.AddFramework("f", ["web", "*"], []);

        allocator.AddUsed("f", "a", R("cpus(web):1;cpus:1"), role: "*");

        var roles = allocator.RoleSummaries.ToDictionary(r => r.Name);
        Assert.Equal(R("cpus(web):1"), roles["web"].Allocated);
        Assert.Equal(R("cpus:1"), roles["*"].Allocated);
        Assert.Equal(["f"], roles["web"].Frameworks);
    }

    [Fact]
    public void UpdateFramework_RoleRemovedWhileHoldingResources_StaysTrackedUntilReleased()
    {
        var allocator = NewAllocator();
        allocator.AddAgent("a", R("cpus:4;mem:1024"));
        allocator.AddFramework("f", ["old"], []);
        allocator.AddUsed("f", "a", R("cpus:1;mem:100"), "old");

        allocator.UpdateFramework("f", ["new"], []);

        Assert.Contains(allocator.RoleSummaries, r => r.Name == "old" && r.Frameworks.Contains("f"));
        var offer = Assert.Single(allocator.Allocate(T0).Offers);
        Assert.Equal("new", offer.Role);
        allocator.Recover("f", "a", R("cpus:1;mem:100"), null, T0, role: "old");
        Assert.DoesNotContain(allocator.RoleSummaries, r => r.Name == "old");
        Assert.Equal(R("cpus:3;mem:924"), allocator.FrameworkAllocated("f", "a"));
    }

    [Fact]
    public void RemoveFramework_HoldingOffersAndTasks_FreesEverything()
    {
        var allocator = NewAllocator();
        allocator.AddAgent("a", R("cpus:4;mem:1024"));
        allocator.AddAgent("b", R("cpus:4;mem:1024"));
        allocator.AddFramework("f", ["*"], []);
        allocator.AddUsed("f", "a", R("cpus:1;mem:100"));
        allocator.Allocate(T0);

        allocator.RemoveFramework("f");

        Assert.Equal(R("cpus:4;mem:1024"), allocator.AgentAvailable("a"));
        Assert.Equal(R("cpus:4;mem:1024"), allocator.AgentAvailable("b"));
        Assert.Equal(0, allocator.DominantShare("*"));
        Assert.Empty(allocator.RoleSummaries);
    }

    [Fact]
    public void RemoveAgent_ShrinksClusterTotalsAndShares()
    {
        var allocator = NewAllocator();
        allocator.AddAgent("a", R("cpus:4;mem:1000"));
        allocator.AddAgent("b", R("cpus:4;mem:1000"));
        allocator.AddFramework("f", ["*"], []);
        allocator.AddUsed("f", "a", R("cpus:2;mem:100"));
        Assert.Equal(0.25, allocator.DominantShare("*"), 6);

        allocator.RemoveAgent("b");

        Assert.Equal(4, allocator.TotalScalar("cpus"));
        Assert.Equal(0.5, allocator.DominantShare("*"), 6);
    }

    [Fact]
    public void UpdateWeights_NonPositive_ThrowsNamingRole()
    {
        var allocator = NewAllocator();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => allocator.UpdateWeights(new Dictionary<string, double> { ["web"] = 0 }));

        Assert.Contains("'web'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsRoleAllowed_Whitelist_AllowsListedAndStar()
    {
        var allocator = new HierarchicalAllocator(AllocatorOptions.Default with { RoleWhitelist = new HashSet<string> { "web" } });

        Assert.True(allocator.IsRoleAllowed("web"));
        Assert.True(allocator.IsRoleAllowed("*"));
        Assert.False(allocator.IsRoleAllowed("batch"));
        Assert.True(NewAllocator().IsRoleAllowed("batch"));
    }

    [Theory]
    [InlineData("cpus:1|", "is empty")]
    [InlineData("cpus(web):1", "must not name roles")]
    [InlineData("cpus:x", "'cpus:x'")]
    public void ParseMinAllocatable_BadText_Throws(string text, string message)
    {
        var e = Assert.Throws<ResourceFormatException>(() => AllocatorOptions.ParseMinAllocatable(text));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsAllocatable_PortsQuantity_CountsRangeValues()
    {
        var allocator = new HierarchicalAllocator(AllocatorOptions.Default with { MinAllocatable = AllocatorOptions.ParseMinAllocatable("ports:3") });

        Assert.True(allocator.IsAllocatable(R("ports:[1-3]")));
        Assert.False(allocator.IsAllocatable(R("ports:[1-2];cpus:8")));
    }
}
