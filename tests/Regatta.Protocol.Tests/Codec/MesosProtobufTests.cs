using Google.Protobuf;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;

using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Protocol.Tests.Codec;

public sealed class MesosProtobufTests
{
    [Fact]
    public void Decode_MissingNestedRequired_NamesPath()
    {
        // Google.Protobuf's C# parser accepts this silently; Mesos would not.
        var bytes = new Call { Type = Call.Types.Type.Subscribe, Subscribe = new Call.Types.Subscribe { FrameworkInfo = new FrameworkInfo { Name = "n" } } }.ToByteArray();

        var e = Assert.Throws<MesosProtobufException>(() => MesosProtobuf.Decode<Call>(bytes));

        Assert.Equal("Missing required fields: subscribe.framework_info.user", e.Message);
    }

    [Fact]
    public void Decode_TruncatedInput_ThrowsMesosProtobufException()
    {
        var bytes = new TaskID { Value = "some-task-id" }.ToByteArray();

        var e = Assert.Throws<MesosProtobufException>(() => MesosProtobuf.Decode<TaskID>(bytes.AsSpan(0, bytes.Length - 3)));

        Assert.StartsWith("Invalid protobuf mesos.v1.TaskID: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ValidMessage_RoundTrips()
    {
        var status = new TaskStatus { TaskId = new TaskID { Value = "t" }, State = TaskState.TaskRunning, Uuid = ByteString.CopyFrom(1, 2, 3), Timestamp = 1.5 };

        Assert.Equal(status, MesosProtobuf.Decode<TaskStatus>(MesosProtobuf.Encode(status)));
    }

    [Fact]
    public void Decode_NonGeneric_ReturnsTypedMessage()
    {
        var message = MesosProtobuf.Decode(Event.Descriptor, new Event { Type = Event.Types.Type.Heartbeat }.ToByteArray());

        Assert.IsType<Event>(message);
    }

    [Fact]
    public void Decode_RandomGarbage_NeverThrowsAnythingElse()
    {
        var random = new Random(7);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            try
            {
                MesosProtobuf.Decode<Call>(bytes);
            }
            catch (MesosProtobufException)
            {
                // Expected for most inputs.
            }
        }
    }
}
