namespace Regatta.Agent.Tests.Fetcher;

public sealed class FetcherOptionsTests
{
    [Fact]
    public void Validate_BadFetcherFlags_NameTheFlag()
    {
        var options = new AgentOptions { Master = "127.0.0.1:5050", WorkDir = "/tmp/w", FetcherCacheDir = "relative", FetcherCacheSize = -1 };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.StartsWith("--fetcher_cache_dir:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--fetcher_cache_size:", StringComparison.Ordinal));
    }

    [Fact]
    public void Defaults_AreMesosDefaults()
    {
        var options = new AgentOptions();

        Assert.Equal("/tmp/mesos/fetch", options.FetcherCacheDir);
        Assert.Equal(2L << 30, options.FetcherCacheSize);
        Assert.Equal("2GB", options.EffectiveFlags()["fetcher_cache_size"]);
    }
}
