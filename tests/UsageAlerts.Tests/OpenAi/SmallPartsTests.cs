using UsageAlerts.OpenAi;
using UsageAlerts.Security;

namespace UsageAlerts.Tests.OpenAi;

public sealed class SmallPartsTests
{
    [Theory]
    [InlineData("12ms", 12)]
    [InlineData("1s", 1000)]
    [InlineData("6m0s", 360_000)]
    [InlineData("23h47m36.648s", 85_656_648)]
    public void Go_durations_parse(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RateLimitHeaders.ParseGoDuration(text));

    [Theory]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("")]
    public void Non_durations_are_null(string text) => Assert.Null(RateLimitHeaders.ParseGoDuration(text));

    [Fact]
    public void Rate_limit_headers_are_read()
    {
        using var response = new HttpResponseMessage();
        response.Headers.Add("x-ratelimit-limit-tokens", "30000");
        response.Headers.Add("x-ratelimit-remaining-tokens", "29000");
        response.Headers.Add("x-ratelimit-reset-tokens", "2s");

        var headers = RateLimitHeaders.From(response);

        Assert.Equal(30000, headers.LimitTokens);
        Assert.Equal(29000, headers.RemainingTokens);
        Assert.Equal(TimeSpan.FromSeconds(2), headers.ResetTokens);
        Assert.Null(headers.LimitRequests);
    }

    [Theory]
    [InlineData("Incorrect API key provided: sk-admin-AbCdEf123456", "sk-admin-AbCdEf123456")]
    [InlineData("posting to https://hooks.slack.com/services/T000/B000/XXXXXXXX failed", "/services/T000")]
    [InlineData("see https://prod-1.westus.logic.azure.com:443/workflows/abc?sig=secret", "sig=secret")]
    public void Scrubbing_removes_keys_and_url_credentials(string text, string secret)
    {
        var clean = SecretScrubber.Scrub(text);

        Assert.DoesNotContain(secret, clean, StringComparison.Ordinal);
        Assert.Contains("redacted", clean, StringComparison.Ordinal);
    }
}
