using System.Buffers;
using System.Text;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;

namespace Regatta.Protocol.Tests.Codec;

public sealed class MesosCodecTests
{
    [Fact]
    public void WriteRecord_JsonHeartbeat_MatchesDocumentedBytes()
    {
        var output = new ArrayBufferWriter<byte>();

        MesosCodec.WriteRecord(output, new Event { Type = Event.Types.Type.Heartbeat }, WireFormat.Json);

        Assert.Equal("20\n{\"type\":\"HEARTBEAT\"}", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [InlineData(WireFormat.Json)]
    [InlineData(WireFormat.Protobuf)]
    public void WriteRecord_ThenRecordIOReader_YieldsDecodableMessage(WireFormat format)
    {
        var message = new Event { Type = Event.Types.Type.Error, Error = new Event.Types.Error { Message = "bye" } };
        var output = new ArrayBufferWriter<byte>();
        MesosCodec.WriteRecord(output, message, format);
        MesosCodec.WriteRecord(output, message, format);
        var reader = new RecordIOReader();

        reader.Append(output.WrittenSpan);

        Assert.True(reader.TryReadRecord(out var first));
        Assert.True(reader.TryReadRecord(out var second));
        Assert.Equal(message, MesosCodec.Decode<Event>(first.Span, format));
        Assert.Equal(message, MesosCodec.Decode<Event>(second.Span, format));
        Assert.True(reader.IsAtRecordBoundary);
    }

    [Theory]
    [InlineData(WireFormat.Json)]
    [InlineData(WireFormat.Protobuf)]
    public void Write_MatchesEncode(WireFormat format)
    {
        var message = new FrameworkInfo { User = "u", Name = "n" };
        var output = new ArrayBufferWriter<byte>();

        MesosCodec.Write(output, message, format);

        Assert.Equal(MesosCodec.Encode(message, format), output.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(WireFormat.Json)]
    [InlineData(WireFormat.Protobuf)]
    public void Decode_MissingRequired_ThrowsMesosDecodeException(WireFormat format)
    {
        var payload = MesosCodec.Encode(new Call { Kill = new Call.Types.Kill() }, format);

        var e = Assert.ThrowsAny<MesosDecodeException>(() => MesosCodec.Decode<Call>(payload, format));

        Assert.Equal("Missing required fields: kill.task_id", e.Message);
    }
}
