using Google.Protobuf;
using Regatta.Protocol;
using Regatta.Resources;
using Regatta.Services.Launching;
using Regatta.Services.Model;
using Regatta.Services.Placement;

namespace Regatta.Services.Tests.Launching;

/// <summary>Apps and offers for the launching tests.</summary>
internal static class LaunchingFixtures
{
    public static readonly DateTimeOffset AppVersion = new(2020, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly AgentView Agent = new("d4f3c2b1-0000-4000-8000-000000000001-S2", "agent-1.example.com");

    /// <summary>Apps may run as <c>*</c> (the default) or <c>prod</c>, the role of the reserved offers.</summary>
    private static readonly AppParseOptions ParseOptions = new() { ValidRoles = new HashSet<string> { "*", "prod" } };

    /// <summary>A valid app from Marathon JSON, stamped with <see cref="AppVersion"/> as a stored app would be.</summary>
    public static AppDefinition App(string json)
    {
        var result = AppJson.ParseCreate(json, ParseOptions);
        Assert.True(result.IsSuccess, result.Error?.ToJson());
        return result.App with { Version = AppVersion };
    }

    public static OfferView Offer(string resources, string? allocationRole = "*", AgentView? agent = null) =>
        new("d4f3c2b1-0000-4000-8000-000000000000-O7", agent ?? Agent, ResourceText.Parse(resources), allocationRole);

    /// <summary>Matches the app against the offer (lowest free host ports, so results are stable).</summary>
    public static OfferMatch Match(AppDefinition app, OfferView offer)
    {
        var match = OfferMatcher.Match(LaunchRequirements.For(app), offer, PlacementContext.Empty);
        Assert.True(match.IsMatch, string.Join("; ", match.Reasons.Select(r => r.Message)));
        return match;
    }

    public static OfferMatch Match(AppDefinition app, string resources = "cpus:8;mem:16384;disk:100000;ports:[31000-31099]") =>
        Match(app, Offer(resources));

    /// <summary>A message in Mesos's JSON mapping (what the master receives in a JSON ACCEPT call).</summary>
    public static string MesosJsonOf(IMessage message) => MesosJson.Format(message);
}
