using Regatta.Protocol.Tests.Support;

namespace Regatta.Protocol.Tests.Json;

/// <summary>
/// Fixtures are written the way Mesos prints each message (defaults included), so parse → format must give back the
/// same document, and the protobuf encoding of the parsed message must survive a binary round trip.
/// </summary>
public sealed class MesosJsonGoldenTests
{
    public static TheoryData<string> FixtureNames => [.. Fixtures.Names];

    [Fact]
    public void Fixtures_Directory_HasAllExpectedFiles()
    {
        var names = Fixtures.Names.ToList();
        Assert.Contains("scheduler-call-subscribe.json", names);
        Assert.Contains("scheduler-event-offers.json", names);
        Assert.Contains("operator-response-get-state.json", names);
        Assert.Contains("agent-frame-register.json", names);
        Assert.True(names.Count >= 18, $"only {names.Count} fixtures found in {Fixtures.Directory}");
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void ParseThenFormat_Fixture_ReproducesDocument(string name)
    {
        var json = Fixtures.Read(name);

        var message = MesosJson.Parse(Fixtures.DescriptorFor(name), System.Text.Encoding.UTF8.GetBytes(json));

        JsonSemantics.AssertEquivalent(json, MesosJson.Format(message));
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void ProtobufRoundTrip_Fixture_KeepsMessage(string name)
    {
        var descriptor = Fixtures.DescriptorFor(name);
        var message = MesosJson.Parse(descriptor, System.Text.Encoding.UTF8.GetBytes(Fixtures.Read(name)));

        var decoded = MesosProtobuf.Decode(descriptor, MesosProtobuf.Encode(message));

        Assert.Equal(message, decoded);
        Assert.Equal(MesosJson.Format(message), MesosJson.Format(decoded));
    }
}
