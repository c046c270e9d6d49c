namespace Regatta.Protocol.Tests.Codec;

public sealed class MesosMediaTypeTests
{
    [Theory]
    [InlineData(null, WireFormat.Json)]
    [InlineData("", WireFormat.Json)]
    [InlineData("*/*", WireFormat.Json)]
    [InlineData("application/*", WireFormat.Json)]
    [InlineData("application/json", WireFormat.Json)]
    [InlineData("APPLICATION/JSON", WireFormat.Json)]
    [InlineData("application/x-protobuf", WireFormat.Protobuf)]
    [InlineData("application/x-protobuf, application/json", WireFormat.Json)]
    [InlineData("application/json;q=0, application/x-protobuf", WireFormat.Protobuf)]
    [InlineData("application/json; q=0.0, */*", WireFormat.Protobuf)]
    [InlineData("*/*, application/json;q=0", WireFormat.Protobuf)]
    [InlineData("application/*;q=0.5, application/json;q=0", WireFormat.Protobuf)]
    [InlineData("text/html, application/json;q=0.1", WireFormat.Json)]
    [InlineData("application/json;charset=utf-8", WireFormat.Json)]
    [InlineData("application/json;q=abc, application/x-protobuf", WireFormat.Protobuf)]
    public void NegotiateAccept_Table_PicksFormat(string? accept, WireFormat expected)
    {
        Assert.Equal(expected, MesosMediaType.NegotiateAccept(accept));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    [InlineData("application/json;q=0, application/x-protobuf;q=0")]
    [InlineData("*/*;q=0")]
    [InlineData("application/*;q=0")]
    [InlineData("text/*")]
    public void NegotiateAccept_NothingAcceptable_ReturnsNull(string accept)
    {
        Assert.Null(MesosMediaType.NegotiateAccept(accept));
    }

    [Theory]
    [InlineData("application/json", WireFormat.Json)]
    [InlineData("application/json; charset=utf-8", WireFormat.Json)]
    [InlineData(" Application/Json ", WireFormat.Json)]
    [InlineData("application/x-protobuf", WireFormat.Protobuf)]
    [InlineData("application/X-PROTOBUF;foo=bar", WireFormat.Protobuf)]
    public void TryParse_KnownType_ReturnsFormat(string header, WireFormat expected)
    {
        Assert.True(MesosMediaType.TryParse(header, out var format));
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("application/jsonx")]
    [InlineData("application/recordio")]
    public void TryParse_OtherType_ReturnsFalse(string? header)
    {
        Assert.False(MesosMediaType.TryParse(header, out _));
    }

    [Fact]
    public void Accepts_RecordIO_UsesSameRules()
    {
        Assert.True(MesosMediaType.Accepts("application/recordio", MesosMediaType.RecordIO));
        Assert.False(MesosMediaType.Accepts("application/json", MesosMediaType.RecordIO));
    }

    [Fact]
    public void ToMediaType_MapsBothFormats()
    {
        Assert.Equal("application/json", WireFormat.Json.ToMediaType());
        Assert.Equal("application/x-protobuf", WireFormat.Protobuf.ToMediaType());
    }
}
