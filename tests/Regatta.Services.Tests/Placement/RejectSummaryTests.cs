using Regatta.Resources;
using Regatta.Services.Placement;
using static Regatta.Services.Tests.Placement.Agents;

namespace Regatta.Services.Tests.Placement;

public class RejectSummaryTests
{
    [Fact]
    public void Summarize_CountsEachOfferAtItsFirstReason()
    {
        var task = new TaskRequirements(Cpus: 1, Mem: 256, Constraints: [Constraint.Parse("rack", "IS", "r1")]);
        var offers = new[]
        {
            new OfferView("o1", OnRack("h1", "r1"), ResourceText.Parse("cpus:2;mem:512")),
            new OfferView("o2", OnRack("h2", "r2"), ResourceText.Parse("cpus:0.5;mem:512")),
            new OfferView("o3", OnRack("h3", "r1"), ResourceText.Parse("cpus:0.5;mem:128")),
            new OfferView("o4", OnRack("h4", "r1"), ResourceText.Parse("cpus:4;mem:128")),
        };

        var rows = RejectSummary.Summarize(offers.Select(o => OfferMatcher.Match(task, o, PlacementContext.Empty)))
            .ToDictionary(r => r.Reason);

        Assert.Equal(new RejectSummaryEntry(RejectReason.UnfulfilledRole, 0, 4), rows[RejectReason.UnfulfilledRole]);
        Assert.Equal(new RejectSummaryEntry(RejectReason.UnfulfilledConstraint, 1, 4), rows[RejectReason.UnfulfilledConstraint]);
        Assert.Equal(new RejectSummaryEntry(RejectReason.InsufficientCpus, 1, 3), rows[RejectReason.InsufficientCpus]);
        Assert.Equal(new RejectSummaryEntry(RejectReason.InsufficientMemory, 1, 2), rows[RejectReason.InsufficientMemory]);
        Assert.Equal(new RejectSummaryEntry(RejectReason.InsufficientDisk, 0, 1), rows[RejectReason.InsufficientDisk]);
        Assert.Equal(Enum.GetValues<RejectReason>().Length, rows.Count);
    }
}
