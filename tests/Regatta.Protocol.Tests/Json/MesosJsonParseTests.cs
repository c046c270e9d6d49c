using System.Text;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Protocol.Tests.Json;

public sealed class MesosJsonParseTests
{
    [Fact]
    public void Parse_DocumentationSubscribeWithUnknownKeys_IgnoresThem()
    {
        // The docs' example carries offer_constraints, which our contract does not declare, plus an invented key.
        const string json = """
            {"type":"SUBSCRIBE","unknown_top":[1,{"x":null}],
             "subscribe":{
               "framework_info":{"user":"foo","name":"Example HTTP Framework","roles":["test1","test2"],
                                 "capabilities":[{"type":"MULTI_ROLE"}],"future_field":{"deep":[[[]]]}},
               "suppressed_roles":["test2"],
               "offer_constraints":{"role_constraints":{"test1":{"groups":[{"attribute_constraints":[
                   {"selector":{"attribute_name":"foo"},"predicate":{"exists":{}}}]}]}}}}}
            """;

        var call = MesosJson.Parse<Call>(json);

        Assert.Equal(Call.Types.Type.Subscribe, call.Type);
        Assert.Equal("foo", call.Subscribe.FrameworkInfo.User);
        Assert.Equal(["test1", "test2"], call.Subscribe.FrameworkInfo.Roles);
        Assert.Equal(FrameworkInfo.Types.Capability.Types.Type.MultiRole, call.Subscribe.FrameworkInfo.Capabilities[0].Type);
        Assert.Equal(["test2"], call.Subscribe.SuppressedRoles);
    }

    [Theory]
    [InlineData("1470820172046531840")]
    [InlineData("\"1470820172046531840\"")]
    [InlineData("1.47082017204653184e18")]
    public void Parse_Int64AsNumberOrString_ReadsValue(string literal)
    {
        var time = MesosJson.Parse<TimeInfo>($$"""{"nanoseconds":{{literal}}}""");

        Assert.Equal(1470820172046531840, time.Nanoseconds);
    }

    [Theory]
    [InlineData("18446744073709551615")]
    [InlineData("\"18446744073709551615\"")]
    public void Parse_UInt64Max_ReadsValue(string literal)
    {
        Assert.Equal(ulong.MaxValue, MesosJson.Parse<Pong>($$"""{"sequence":{{literal}}}""").Sequence);
    }

    [Fact]
    public void Parse_IntegralDoubleForIntField_Accepted()
    {
        var address = MesosJson.Parse<Address>("""{"port":5050.0}""");

        Assert.Equal(5050, address.Port);
    }

    [Theory]
    [InlineData("\"Infinity\"", double.PositiveInfinity)]
    [InlineData("\"-Infinity\"", double.NegativeInfinity)]
    [InlineData("\"2.5\"", 2.5)]
    [InlineData("2.5", 2.5)]
    [InlineData("5", 5.0)]
    public void Parse_Double_AcceptsNumbersAndSpecialStrings(string literal, double expected)
    {
        Assert.Equal(expected, MesosJson.Parse<Value.Types.Scalar>($$"""{"value":{{literal}}}""").Value);
    }

    [Fact]
    public void Parse_NaNString_ReadsNaN()
    {
        Assert.True(double.IsNaN(MesosJson.Parse<Value.Types.Scalar>("""{"value":"NaN"}""").Value));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"false\"", false)]
    public void Parse_Bool_AcceptsLiteralsAndStrings(string literal, bool expected)
    {
        var info = MesosJson.Parse<CommandInfo>($$"""{"shell":{{literal}}}""");

        Assert.True(info.HasShell);
        Assert.Equal(expected, info.Shell);
    }

    [Theory]
    [InlineData("\"jhZ/1aW+R9ygmB0r+2hP9w==\"")]
    [InlineData("\"jhZ_1aW-R9ygmB0r-2hP9w\"")]
    [InlineData("\"jhZ/1aW+R9ygmB0r+2hP9w\"")]
    public void Parse_Base64StandardUrlSafeOrUnpadded_DecodesSameBytes(string literal)
    {
        var ack = MesosJson.Parse<Call.Types.Acknowledge>(
            $$"""{"agent_id":{"value":"a"},"task_id":{"value":"t"},"uuid":{{literal}}}""");

        Assert.Equal(Convert.FromBase64String("jhZ/1aW+R9ygmB0r+2hP9w=="), ack.Uuid.ToByteArray());
    }

    [Fact]
    public void Parse_EnumAsNumber_Accepted()
    {
        var status = MesosJson.Parse<TaskStatus>("""{"task_id":{"value":"t"},"state":1}""");

        Assert.Equal(TaskState.TaskRunning, status.State);
    }

    [Fact]
    public void Parse_UnknownNameOfOptionalEnum_IsDroppedLikeMesos()
    {
        var call = MesosJson.Parse<Call>("""{"type":"FUTURE_CALL"}""");

        Assert.False(call.HasType);
    }

    [Fact]
    public void Parse_UnknownNameInRepeatedEnumHolder_DropsOnlyThatValue()
    {
        var info = MesosJson.Parse<FrameworkInfo>(
            """{"user":"u","name":"n","capabilities":[{"type":"FUTURE_CAPABILITY"},{"type":"MULTI_ROLE"}]}""");

        Assert.Equal(2, info.Capabilities.Count);
        Assert.False(info.Capabilities[0].HasType);
        Assert.Equal(FrameworkInfo.Types.Capability.Types.Type.MultiRole, info.Capabilities[1].Type);
    }

    [Fact]
    public void Parse_NullValues_AreTreatedAsUnset()
    {
        var call = MesosJson.Parse<Call>("""{"type":"DECLINE","framework_id":null,"decline":{"offer_ids":[null,{"value":"o"}],"filters":null}}""");

        Assert.False(call.FrameworkId is not null);
        Assert.Single(call.Decline.OfferIds);
        Assert.Null(call.Decline.Filters);
    }

    [Fact]
    public void Parse_SingleValueForRepeatedField_BecomesOneElement()
    {
        var suppress = MesosJson.Parse<Call.Types.Suppress>("""{"roles":"r1"}""");

        Assert.Equal(["r1"], suppress.Roles);
    }

    [Fact]
    public void Parse_Map_ReadsEntries()
    {
        var task = MesosJson.Parse<TaskInfo>(
            """{"name":"n","task_id":{"value":"t"},"agent_id":{"value":"a"},"limits":{"cpus":{"value":"Infinity"},"mem":{"value":256}}}""");

        Assert.Equal(double.PositiveInfinity, task.Limits["cpus"].Value);
        Assert.Equal(256, task.Limits["mem"].Value);
    }

    [Fact]
    public void Parse_OneofMember_SetsCase()
    {
        var message = MesosJson.Parse<MasterMessage>("""{"ping":{"sequence":"42"}}""");

        Assert.Equal(MasterMessage.KindOneofCase.Ping, message.KindCase);
        Assert.Equal(42UL, message.Ping.Sequence);
    }

    [Fact]
    public void Parse_DuplicateMessageKey_MergesLikeProtobuf()
    {
        var info = MesosJson.Parse<CommandInfo>("""{"environment":{"variables":[{"name":"A"}]},"environment":{"variables":[{"name":"B"}]}}""");

        Assert.Equal(["A", "B"], info.Environment.Variables.Select(v => v.Name));
    }

    [Fact]
    public void Parse_EscapedKeyAndUtf8Bom_Accepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("""{"\u0076alue":"x\u00e9"}""")).ToArray();

        Assert.Equal("xé", MesosJson.Parse<TaskID>(bytes).Value);
    }

    [Fact]
    public void Parse_NonGenericDescriptor_ReturnsMessageOfThatType()
    {
        var message = MesosJson.Parse(Event.Descriptor, """{"type":"HEARTBEAT"}"""u8);

        Assert.Equal(new Event { Type = Event.Types.Type.Heartbeat }, message);
    }

    [Fact]
    public void Parse_DefaultedFieldsOmitted_ReadAsDefaults()
    {
        var info = MesosJson.Parse<CommandInfo>("""{"value":"x"}""");

        Assert.False(info.HasShell);
        Assert.True(info.Shell);
    }
}
