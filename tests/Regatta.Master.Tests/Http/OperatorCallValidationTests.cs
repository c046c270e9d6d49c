using Regatta.Master.Http;
using Regatta.Protocol.V1.Master;

namespace Regatta.Master.Tests.Http;

public sealed class OperatorCallValidationTests
{
    [Fact]
    public void Validate_NoType_NamesTheField() =>
        Assert.Equal("Expecting 'type' to be present", OperatorCallValidation.Validate(new Call()));

    [Theory]
    [InlineData(Call.Types.Type.Teardown, "'teardown'")]
    [InlineData(Call.Types.Type.UpdateWeights, "'update_weights'")]
    [InlineData(Call.Types.Type.DeactivateAgent, "'deactivate_agent'")]
    [InlineData(Call.Types.Type.ReactivateAgent, "'reactivate_agent'")]
    public void Validate_MissingPayload_NamesThePayload(Call.Types.Type type, string expected) =>
        Assert.Contains(expected, OperatorCallValidation.Validate(new Call { Type = type }));

    [Theory]
    [InlineData(Call.Types.Type.GetState)]
    [InlineData(Call.Types.Type.GetMetrics)]
    [InlineData(Call.Types.Type.Subscribe)]
    public void Validate_CallWithoutPayload_IsValid(Call.Types.Type type) =>
        Assert.Null(OperatorCallValidation.Validate(new Call { Type = type }));
}
