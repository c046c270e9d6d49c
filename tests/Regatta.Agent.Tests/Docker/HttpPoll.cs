namespace Regatta.Agent.Tests.Docker;

/// <summary>GETs a URL until the server in a fresh container answers (bounded at 15 s).</summary>
internal static class HttpPoll
{
    public static async Task<string> GetWhenUpAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            try
            {
                return await http.GetStringAsync(new Uri(url));
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
