using System.Text;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;
using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Protocol.Tests.Json;

public sealed class MesosJsonErrorTests
{
    [Fact]
    public void Parse_MissingNestedRequired_NamesFullPath()
    {
        var e = Assert.Throws<MesosJsonException>(
            () => MesosJson.Parse<Call>("""{"type":"SUBSCRIBE","subscribe":{"framework_info":{"name":"n"}}}"""));

        Assert.Equal("Missing required fields: subscribe.framework_info.user", e.Message);
        Assert.Equal("subscribe.framework_info.user", e.Path);
    }

    [Fact]
    public void Parse_MissingRequiredInsideArrays_NamesIndexesAndAllFields()
    {
        const string json = """
            {"type":"ACCEPT","accept":{"operations":[{"type":"LAUNCH","launch":{"task_infos":[
              {"name":"ok","task_id":{"value":"t"},"agent_id":{"value":"a"}},
              {"task_id":{},"agent_id":{"value":"a"}}]}}]}}
            """;

        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Call>(json));

        Assert.Equal(
            "Missing required fields: accept.operations[0].launch.task_infos[1].name, accept.operations[0].launch.task_infos[1].task_id.value",
            e.Message);
    }

    [Fact]
    public void Parse_MissingRequiredInMapValue_NamesKey()
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<TaskInfo>(
            """{"name":"n","task_id":{"value":"t"},"agent_id":{"value":"a"},"limits":{"cpus":{}}}"""));

        Assert.Equal("Missing required fields: limits[cpus].value", e.Message);
    }

    [Fact]
    public void Parse_WrongType_NamesFieldAndExpectedType()
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Call>(
            """{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"u","name":"n","checkpoint":{"x":1}}}}"""));

        Assert.Equal("Field 'subscribe.framework_info.checkpoint' expects a boolean, got a JSON object", e.Message);
        Assert.Equal("subscribe.framework_info.checkpoint", e.Path);
    }

    [Fact]
    public void Parse_StringForMessageField_NamesField()
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Call>("""{"framework_id":"abc"}"""));

        Assert.Equal("Field 'framework_id' expects a JSON object, got a JSON string", e.Message);
    }

    [Fact]
    public void Parse_ArrayForSingularField_NamesField()
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<TaskID>("""{"value":["a"]}"""));

        Assert.Contains("'value'", e.Message, StringComparison.Ordinal);
        Assert.Contains("a JSON array", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NonNumericStringForDouble_NamesFieldAndValue()
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Call>(
            """{"decline":{"filters":{"refuse_seconds":"soon"}}}"""));

        Assert.Equal("Field 'decline.filters.refuse_seconds' expects a double, got the string 'soon'", e.Message);
    }

    [Theory]
    [InlineData("""{"port":2147483648}""", "value 2147483648 is out of range for int32")]
    [InlineData("""{"port":"-2147483649"}""", "value -2147483649 is out of range for int32")]
    [InlineData("""{"port":1.5}""", "expects int32, got the non-integer 1.5")]
    [InlineData("""{"port":true}""", "expects int32 (a number or numeric string), got a JSON boolean")]
    public void Parse_BadInteger_NamesFieldAndRule(string json, string rule)
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Address>(json));

        Assert.Equal($"Field 'port' {rule}", e.Message);
    }

    [Fact]
    public void Parse_NegativeForUnsigned_Rejected()
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Value.Types.Range>("""{"begin":-1,"end":2}"""));

        Assert.Equal("Field 'begin' value -1 is out of range for uint64", e.Message);
    }

    [Fact]
    public void Parse_UnknownNameOfRequiredEnum_NamesFieldAndValue()
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Event>(
            """{"type":"UPDATE","update":{"status":{"task_id":{"value":"t"},"state":"TASK_SLEEPING"}}}"""));

        Assert.Equal("Field 'update.status.state' has unknown value 'TASK_SLEEPING' for enum mesos.v1.TaskState", e.Message);
        Assert.Equal("update.status.state", e.Path);
    }

    [Fact]
    public void Parse_UnknownNumberOfRequiredEnum_NamesFieldAndValue()
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<TaskStatus>("""{"task_id":{"value":"t"},"state":99}"""));

        Assert.Equal("Field 'state' has unknown value 99 for enum mesos.v1.TaskState", e.Message);
    }

    [Fact]
    public void Parse_EnumGivenAsObject_NamesField()
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Call>("""{"type":{}}"""));

        Assert.Equal("Field 'type' expects an enum name of mesos.v1.scheduler.Call.Type, got a JSON object", e.Message);
    }

    [Fact]
    public void Parse_BadBase64_NamesField()
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Call>(
            """{"acknowledge":{"agent_id":{"value":"a"},"task_id":{"value":"t"},"uuid":"not base64!"}}"""));

        Assert.Equal("Field 'acknowledge.uuid' is not valid base64", e.Message);
    }

    [Theory]
    [InlineData("""{"type":""")]
    [InlineData("""{"type":"SUBSCRIBE",}""")]
    [InlineData("""{"type":"SUBSCRIBE"} x""")]
    [InlineData("""{'type':'SUBSCRIBE'}""")]
    [InlineData("")]
    public void Parse_MalformedJson_ReportsMalformed(string json)
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Call>(json));

        Assert.StartsWith("Malformed JSON: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "a JSON array")]
    [InlineData("\"x\"", "a JSON string")]
    [InlineData("null", "null")]
    public void Parse_TopLevelNotObject_Rejected(string json, string got)
    {
        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<Call>(json));

        Assert.Equal($"Expecting a JSON object, got {got}", e.Message);
    }

    [Fact]
    public void Parse_InvalidUtf8_ReportsMalformed()
    {
        byte[] json = [.. "{\"value\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<TaskID>(json));

        Assert.StartsWith("Malformed JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedKnownFields_RejectedWithPath()
    {
        // ContainerID.parent recurses, so a hostile client can nest as deep as it likes.
        var json = new StringBuilder();
        for (var i = 0; i < 100; i++)
        {
            json.Append("""{"value":"c","parent":""");
        }

        json.Append("""{"value":"c"}""").Append('}', 100);

        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<ContainerID>(json.ToString()));

        Assert.StartsWith($"JSON nesting exceeds the maximum depth of {MesosJson.MaxDepth} at 'parent.parent.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedUnknownValue_RejectedAsMalformed()
    {
        var json = """{"value":"c","junk":""" + new string('[', 5000) + new string(']', 5000) + "}";

        var e = Assert.Throws<MesosJsonException>(() => MesosJson.Parse<TaskID>(json));

        Assert.Contains("depth", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_Accepted()
    {
        // 1 top-level object + 62 parents = 63 levels, under the limit of 64.
        var json = new StringBuilder();
        for (var i = 0; i < 62; i++)
        {
            json.Append("""{"value":"c","parent":""");
        }

        json.Append("""{"value":"leaf"}""").Append('}', 62);

        var container = MesosJson.Parse<ContainerID>(json.ToString());

        var depth = 0;
        for (var c = container; c.Parent is not null; c = c.Parent)
        {
            depth++;
        }

        Assert.Equal(62, depth);
    }

    [Fact]
    public void MesosJsonException_IsAMesosDecodeException()
    {
        Assert.ThrowsAny<MesosDecodeException>(() => MesosJson.Parse<TaskID>("{}"));
    }
}
