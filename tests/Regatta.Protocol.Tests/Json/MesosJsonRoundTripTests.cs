using System.Text;
using Google.Protobuf.Reflection;
using Regatta.Protocol.Agent;
using Regatta.Protocol.Tests.Support;
using Regatta.Protocol.V1;
using MasterApi = Regatta.Protocol.V1.Master;
using SchedulerApi = Regatta.Protocol.V1.Scheduler;

namespace Regatta.Protocol.Tests.Json;

/// <summary>Seeded random messages of every wire type: JSON and protobuf round trips give back an equal message.</summary>
public sealed class MesosJsonRoundTripTests
{
    private const int MessagesPerType = 150;

    public static TheoryData<string> TypeNames =>
    [
        SchedulerApi.Call.Descriptor.FullName,
        SchedulerApi.Event.Descriptor.FullName,
        TaskInfo.Descriptor.FullName,
        MasterApi.Call.Descriptor.FullName,
        MasterApi.Response.Descriptor.FullName,
        MasterApi.Event.Descriptor.FullName,
        AgentFrame.Descriptor.FullName,
        MasterFrame.Descriptor.FullName,
    ];

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void JsonRoundTrip_RandomMessages_Equal(string typeName)
    {
        var descriptor = Find(typeName);
        for (var seed = 0; seed < MessagesPerType; seed++)
        {
            var message = new RandomMessages(seed).Create(descriptor);
            var json = MesosJson.Format(message);

            var parsed = MesosJson.Parse(descriptor, Encoding.UTF8.GetBytes(json));

            Assert.True(message.Equals(parsed), $"seed {seed}: {json}\nparsed back as {MesosJson.Format(parsed)}");
            Assert.Equal(json, MesosJson.Format(parsed));
        }
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void ProtobufRoundTrip_RandomMessages_Equal(string typeName)
    {
        var descriptor = Find(typeName);
        for (var seed = 0; seed < MessagesPerType; seed++)
        {
            var message = new RandomMessages(seed).Create(descriptor);

            var decoded = MesosProtobuf.Decode(descriptor, MesosProtobuf.Encode(message));

            Assert.True(message.Equals(decoded), $"seed {seed}: {MesosJson.Format(message)}");
        }
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void CodecRoundTrip_BothFormats_AgreeOnContent(string typeName)
    {
        var descriptor = Find(typeName);
        for (var seed = 0; seed < 30; seed++)
        {
            var message = new RandomMessages(seed + 1000).Create(descriptor);

            var viaJson = MesosCodec.Decode(descriptor, MesosCodec.Encode(message, WireFormat.Json), WireFormat.Json);
            var viaProtobuf = MesosCodec.Decode(descriptor, MesosCodec.Encode(message, WireFormat.Protobuf), WireFormat.Protobuf);

            Assert.True(viaJson.Equals(viaProtobuf), $"seed {seed + 1000}");
        }
    }

    private static MessageDescriptor Find(string fullName) =>
        new[] { SchedulerApi.Call.Descriptor, SchedulerApi.Event.Descriptor, TaskInfo.Descriptor, MasterApi.Call.Descriptor, MasterApi.Response.Descriptor, MasterApi.Event.Descriptor, AgentFrame.Descriptor, MasterFrame.Descriptor }
            .Single(d => d.FullName == fullName);
}
