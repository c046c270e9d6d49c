using Google.Protobuf;
using Regatta.Master.Core;
using Regatta.Protocol.V1;
using Regatta.Protocol.V1.Scheduler;

namespace Regatta.Master.Tests.Core;

public sealed class CallValidationTests
{
    [Fact]
    public void Validate_NoType_NamesType()
    {
        Assert.Equal("Failed to validate scheduler::Call: Expecting 'type' to be present", CallValidation.Validate(new Call()));
    }

    [Fact]
    public void Validate_NonSubscribeWithoutFrameworkId_NamesFrameworkId()
    {
        var problem = CallValidation.Validate(new Call { Type = Call.Types.Type.Teardown });

        Assert.Contains("'framework_id'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptWithoutPayload_NamesAccept()
    {
        var problem = CallValidation.Validate(new Call { Type = Call.Types.Type.Accept, FrameworkId = new FrameworkID { Value = "f" } });

        Assert.Contains("'accept'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SubscribeIdMismatch_Rejected()
    {
        var call = new Call
        {
            Type = Call.Types.Type.Subscribe,
            FrameworkId = new FrameworkID { Value = "a" },
            Subscribe = new Call.Types.Subscribe { FrameworkInfo = new FrameworkInfo { User = "u", Name = "n", Id = new FrameworkID { Value = "b" } } },
        };

        Assert.Contains("differs", CallValidation.Validate(call), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcknowledgeShortUuid_Rejected()
    {
        var call = new Call
        {
            Type = Call.Types.Type.Acknowledge,
            FrameworkId = new FrameworkID { Value = "f" },
            Acknowledge = new Call.Types.Acknowledge
            {
                AgentId = new AgentID { Value = "a" },
                TaskId = new TaskID { Value = "t" },
                Uuid = ByteString.CopyFrom(1, 2, 3),
            },
        };

        Assert.Contains("'acknowledge.uuid'", CallValidation.Validate(call), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidSubscribe_Null()
    {
        var call = new Call
        {
            Type = Call.Types.Type.Subscribe,
            Subscribe = new Call.Types.Subscribe { FrameworkInfo = new FrameworkInfo { User = "u", Name = "n" } },
        };

        Assert.Null(CallValidation.Validate(call));
    }
}
