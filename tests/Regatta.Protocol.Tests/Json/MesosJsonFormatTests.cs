using System.Text.Json;
using Google.Protobuf;
using Regatta.Protocol.Agent;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;

using TaskStatus = Regatta.Protocol.V1.TaskStatus;

namespace Regatta.Protocol.Tests.Json;

public sealed class MesosJsonFormatTests
{
    [Fact]
    public void Format_Heartbeat_IsExactlyTheDocumentedRecordPayload()
    {
        var json = MesosJson.Format(new Event { Type = Event.Types.Type.Heartbeat });

        Assert.Equal("""{"type":"HEARTBEAT"}""", json);
    }

    [Fact]
    public void Format_CommandInfoWithoutShell_EmitsDefaultShellTrue()
    {
        var json = MesosJson.Format(new CommandInfo { Value = "sleep 1" });

        Assert.Equal("""{"shell":true,"value":"sleep 1"}""", json);
    }

    [Fact]
    public void Format_FrameworkInfoMinimal_EmitsDefaultsButNotDeprecatedRole()
    {
        var json = MesosJson.Format(new FrameworkInfo { User = "u", Name = "n" });

        Assert.Equal("""{"user":"u","name":"n","failover_timeout":0,"checkpoint":false}""", json);
    }

    [Fact]
    public void Format_DeprecatedRoleWhenSet_IsEmitted()
    {
#pragma warning disable CS0612 // Resource.role is deprecated in Mesos, and still on the wire when set.
        var json = MesosJson.Format(new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Role = "web" });
#pragma warning restore CS0612

        Assert.Contains("\"role\":\"web\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ResourceWithoutRole_OmitsDeprecatedRoleDefault()
    {
        var json = MesosJson.Format(new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = 2 } });

        Assert.Equal("""{"name":"cpus","type":"SCALAR","scalar":{"value":2}}""", json);
    }

    [Fact]
    public void Format_EmptyFilters_EmitsDefaultRefuseSeconds()
    {
        Assert.Equal("""{"refuse_seconds":5}""", MesosJson.Format(new Filters()));
    }

    [Fact]
    public void Format_Int64_IsAJsonNumber()
    {
        var json = MesosJson.Format(new TimeInfo { Nanoseconds = 1470820172046531840 });

        Assert.Equal("""{"nanoseconds":1470820172046531840}""", json);
    }

    [Fact]
    public void Format_UInt64Max_IsAJsonNumber()
    {
        var json = MesosJson.Format(new Pong { Sequence = ulong.MaxValue });

        Assert.Equal("""{"sequence":18446744073709551615}""", json);
    }

    [Theory]
    [InlineData(4.0, "4")]
    [InlineData(0.5, "0.5")]
    [InlineData(1024.5, "1024.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.PositiveInfinity, "\"Infinity\"")]
    [InlineData(double.NegativeInfinity, "\"-Infinity\"")]
    [InlineData(double.NaN, "\"NaN\"")]
    public void Format_Double_UsesShortestRoundTripOrNamedString(double value, string expected)
    {
        var json = MesosJson.Format(new Value.Types.Scalar { Value = value });

        Assert.Equal($$"""{"value":{{expected}}}""", json);
    }

    [Fact]
    public void Format_Bytes_IsStandardPaddedBase64()
    {
        var json = MesosJson.Format(new Call.Types.Message
        {
            AgentId = new AgentID { Value = "a" },
            ExecutorId = new ExecutorID { Value = "e" },
            Data = ByteString.CopyFrom(0xfb, 0xff, 0xfe, 0x01),
        });

        Assert.Contains("\"data\":\"+//+AQ==\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_Enums_AreNames()
    {
        var json = MesosJson.Format(new TaskStatus { TaskId = new TaskID { Value = "t" }, State = TaskState.TaskGoneByOperator, Reason = TaskStatus.Types.Reason.AgentRemoved });

        Assert.Contains("\"state\":\"TASK_GONE_BY_OPERATOR\"", json, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"REASON_AGENT_REMOVED\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_EmptyRepeatedAndMap_AreOmitted()
    {
        var json = MesosJson.Format(new TaskInfo { Name = "n", TaskId = new TaskID { Value = "t" }, AgentId = new AgentID { Value = "a" } });

        Assert.Equal("""{"name":"n","task_id":{"value":"t"},"agent_id":{"value":"a"}}""", json);
    }

    [Fact]
    public void Format_Map_IsJsonObjectOfMessages()
    {
        var task = new TaskInfo { Name = "n", TaskId = new TaskID { Value = "t" }, AgentId = new AgentID { Value = "a" } };
        task.Limits.Add("cpus", new Value.Types.Scalar { Value = double.PositiveInfinity });
        task.Limits.Add("mem", new Value.Types.Scalar { Value = 256 });

        var json = MesosJson.Format(task);

        Assert.Contains("""
            "limits":{"cpus":{"value":"Infinity"},"mem":{"value":256}}
            """, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_OneofMember_WritesOnlyTheSetCase()
    {
        var json = MesosJson.Format(new AgentMessage { Pong = new Pong { Sequence = 3 } });

        Assert.Equal("""{"pong":{"sequence":3}}""", json);
    }

    [Fact]
    public void Format_NonAsciiAndBase64Characters_AreNotEscaped()
    {
        var json = MesosJson.Format(new Label { Key = "Zürich+/", Value = "<b>" });

        Assert.Equal("""{"key":"Zürich+/","value":"<b>"}""", json);
    }

    [Fact]
    public void Write_IntoCallerWriter_ProducesSameJsonAsFormat()
    {
        var message = new Filters { RefuseSeconds = 1.5 };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            MesosJson.Write(writer, message);
            writer.WriteEndArray();
        }

        Assert.Equal("[" + MesosJson.Format(message) + "]", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void FormatUtf8_MatchesFormat()
    {
        var message = new FrameworkInfo { User = "u", Name = "n", Roles = { "a", "b" } };

        Assert.Equal(MesosJson.Format(message), System.Text.Encoding.UTF8.GetString(MesosJson.FormatUtf8(message)));
    }

    [Fact]
    public void Format_ConcurrentCallers_EachGetCompleteOutput()
    {
        var expected = MesosJson.Format(new FrameworkInfo { User = "u", Name = "n", Roles = { "a" } });
        var other = new FrameworkInfo { User = "other", Name = "x", Checkpoint = true };
        var failures = 0;

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var json = i % 2 == 0
                ? MesosJson.Format(new FrameworkInfo { User = "u", Name = "n", Roles = { "a" } })
                : MesosJson.Format(other);
            if (i % 2 == 0 && json != expected)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Format_SelfReferencingMessage_ThrowsInsteadOfOverflowingTheStack()
    {
        var container = new ContainerID { Value = "c" };
        container.Parent = container;

        Assert.Throws<InvalidOperationException>(() => MesosJson.Format(container));
    }
}
