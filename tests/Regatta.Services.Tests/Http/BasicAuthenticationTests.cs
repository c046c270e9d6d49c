using System.Net.Http.Headers;
using System.Text;
using Regatta.Services.Http;
using Regatta.Services.Tests.Support;

namespace Regatta.Services.Tests.Http;

/// <summary><c>--http_credentials</c>: every path wants Basic credentials; the wrong ones or none get Marathon's 401.</summary>
public sealed class BasicAuthenticationTests : IAsyncLifetime
{
    private ServicesServer server = null!;

    public async Task InitializeAsync() =>
        server = await ServicesServer.StartAsync(configure: o => o with { HttpCredentials = "ops:s3cret:with:colons", HttpRealm = "Regatta" });

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("/ping")]
    [InlineData("/v2/apps")]
    [InlineData("/v2/info")]
    [InlineData("/v2/events")]
    [InlineData("/no/such/path")]
    public async Task Request_WithoutCredentials_Is401WithTheChallenge(string path)
    {
        var reply = await server.GetAsync(path);

        Assert.Equal(401, reply.Code);
        Assert.Equal("Invalid username or password.", reply.Json.GetProperty("message").GetString());
        Assert.Equal("Basic realm=\"Regatta\"", Assert.Single(reply.Headers.WwwAuthenticate).ToString());
    }

    [Theory]
    [InlineData("ops:wrong")]
    [InlineData("ops:s3cret")]
    [InlineData("ops:s3cret:with:colons ")]
    [InlineData("other:s3cret:with:colons")]
    public async Task Request_WithWrongCredentials_Is401_AndChangesNothing(string credentials)
    {
        var create = await SendAsync(HttpMethod.Post, "/v2/apps", credentials, """{"id":"/sneaky","cmd":"sleep 1"}""");
        var listed = await SendAsync(HttpMethod.Get, "/v2/apps", "ops:s3cret:with:colons");

        Assert.Equal(401, create.Code);
        Assert.Equal("""{"apps":[]}""", listed.Body);
    }

    [Fact]
    public async Task Request_WithTheCredentials_IsServed()
    {
        var ping = await SendAsync(HttpMethod.Get, "/ping", "ops:s3cret:with:colons");
        var create = await SendAsync(HttpMethod.Post, "/v2/apps", "ops:s3cret:with:colons", """{"id":"/web","cmd":"sleep 1","instances":0}""");

        Assert.Equal((200, "pong"), (ping.Code, ping.Body.Trim()));
        Assert.Equal(201, create.Code);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("Bearer b3BzOnB3", false)]
    [InlineData("Basic !!!notbase64", false)]
    [InlineData("Basic b3BzOnB3", true)]
    [InlineData("basic   b3BzOnB3  ", true)]
    [InlineData("Basic b3BzOnB4", false)]
    [InlineData("Basic b3BzOnB3eA==", false)]
    public void Matches_OnlyTheExactUserAndPassword(string header, bool expected) =>
        Assert.Equal(expected, new BasicAuthentication("ops:pw", "Mesosphere").Matches(header));

    [Theory]
    [InlineData("nocolon")]
    [InlineData(":password")]
    public void Options_CredentialsWithoutAUser_AreRefusedByFlagName(string credentials)
    {
        var errors = new ServicesOptions { Master = "127.0.0.1:5050", WorkDir = "/tmp/x", HttpCredentials = credentials }.Validate();

        Assert.Contains(errors, e => e.StartsWith("--http_credentials:", StringComparison.Ordinal));
    }

    private async Task<HttpReply> SendAsync(HttpMethod method, string path, string credentials, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await server.SendAsync(request);
    }
}
