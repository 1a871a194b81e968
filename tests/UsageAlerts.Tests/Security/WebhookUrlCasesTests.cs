using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using UsageAlerts.Notifications;
using UsageAlerts.Rules;

namespace UsageAlerts.Tests.Security;

/// <summary>
/// The webhook URL cases of shared/docs/reliability.md and their disguises: IP literals in every notation, user
/// info, look-alike hosts, other schemes and ports. Then a redirect: never followed, and the receiver counts as broken.
/// </summary>
public sealed class WebhookUrlCasesTests
{
    [Theory]
    // IP literals, however written (.NET reads decimal, hex, octal and short IPv4 forms as addresses).
    [InlineData("https://52.1.2.3/services/T/B/X", "Slack")]
    [InlineData("https://3232235777/services/T/B/X", "Slack")]
    [InlineData("https://0x34010203/services/T/B/X", "Slack")]
    [InlineData("https://064.1.2.3/services/T/B/X", "Slack")]
    [InlineData("https://127.1/services/T/B/X", "Slack")]
    [InlineData("https://[2001:db8::1]/services/T/B/X", "Slack")]
    [InlineData("https://[::ffff:52.1.2.3]/services/T/B/X", "Slack")]
    [InlineData("https://[::1]/workflows/x", "Teams")]
    [InlineData("https://10.0.0.5/workflows/x", "Teams")]
    // User info, including the tricks that make another host look like the real one.
    [InlineData("https://user:pass@hooks.slack.com/services/T/B/X", "Slack")]
    [InlineData("https://hooks.slack.com@evil.example/services/T/B/X", "Slack")]
    [InlineData("https://hooks.slack.com:443@evil.example/services/T/B/X", "Slack")]
    [InlineData("https://:@hooks.slack.com/services/T/B/X", "Slack")]
    [InlineData("https://prod-1.westeurope.logic.azure.com@evil.example/workflows/x", "Teams")]
    [InlineData("https://evil.example#@hooks.slack.com/services/T/B/X", "Slack")]
    [InlineData("https://evil.example\\@hooks.slack.com/services/T/B/X", "Slack")]
    // Look-alike hosts.
    [InlineData("https://hooks.slack.com.example.org/services/T/B/X", "Slack")]
    [InlineData("https://hooks.slack.com.evil.example./services/T/B/X", "Slack")]
    [InlineData("https://evilhooks.slack.com/services/T/B/X", "Slack")]
    [InlineData("https://hooks-slack.com/services/T/B/X", "Slack")]
    [InlineData("https://hooks.slack.co/services/T/B/X", "Slack")]
    [InlineData("https://hooks.sl\u0430ck.com/services/T/B/X", "Slack")]
    [InlineData("https://api.slack.com/services/T/B/X", "Slack")]
    [InlineData("https://logic.azure.com/workflows/x", "Teams")]
    [InlineData("https://logic.azure.com.attacker.net/workflows/x", "Teams")]
    [InlineData("https://evil-logic.azure.com/workflows/x", "Teams")]
    [InlineData("https://x.logic.azure.com.evil.example/workflows/x", "Teams")]
    [InlineData("https://contoso.webhook.office.com.evil.example/webhookb2/x", "Teams")]
    [InlineData("https://environment.api.powerplatform.com.evil.example/x", "Teams")]
    [InlineData("https://hooks.slack.com/services/T/B/X", "Teams")]
    [InlineData("https://prod-1.westeurope.logic.azure.com/workflows/x", "Slack")]
    // Schemes and ports.
    [InlineData("http://hooks.slack.com/services/T/B/X", "Slack")]
    [InlineData("HTTP://hooks.slack.com/services/T/B/X", "Slack")]
    [InlineData("ftp://hooks.slack.com/services/T/B/X", "Slack")]
    [InlineData("wss://hooks.slack.com/services/T/B/X", "Slack")]
    [InlineData("http://prod-1.westeurope.logic.azure.com/workflows/x", "Teams")]
    [InlineData("https://hooks.slack.com:8443/services/T/B/X", "Slack")]
    [InlineData("https://hooks.slack.com:80/services/T/B/X", "Slack")]
    [InlineData("https://prod-1.westeurope.logic.azure.com:444/workflows/x", "Teams")]
    // Not a URL at all.
    [InlineData("//hooks.slack.com/services/T/B/X", "Slack")]
    [InlineData("/services/T/B/X", "Slack")]
    [InlineData("", "Slack")]
    public void Refused_without_echoing_the_url(string url, string type)
    {
        var error = WebhookUrlPolicy.Check(url, Enum.Parse<ReceiverType>(type), allowLoopback: false);

        Assert.NotNull(error);
        Assert.DoesNotContain("/services/", error, StringComparison.Ordinal);
        Assert.DoesNotContain("/workflows/", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1.nip.io:5000/sink/slack/x")]
    [InlineData("http://10.0.0.5:5000/sink/slack/x")]
    [InlineData("http://user@127.0.0.1:5000/sink/slack/x")]
    [InlineData("ftp://127.0.0.1/sink/slack/x")]
    public void The_local_sink_allowance_is_for_plain_loopback_http_only(string url) =>
        Assert.NotNull(WebhookUrlPolicy.Check(url, ReceiverType.Slack, allowLoopback: true));

    [Fact]
    public async Task A_webhook_that_redirects_is_not_followed_and_its_receiver_counts_as_broken()
    {
        var followed = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var sink = builder.Build();
        sink.MapPost("/hook", (HttpContext http) => Results.Redirect($"{http.Request.Scheme}://{http.Request.Host}/elsewhere"));
        sink.Map("/elsewhere", () =>
        {
            Interlocked.Increment(ref followed);
            return Results.Ok();
        });
        await sink.StartAsync();

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" }).Build();
        await using var services = new ServiceCollection().AddLogging().AddUsageAlerts(configuration).BuildServiceProvider();
        var webhooks = services.GetRequiredService<WebhookClient>();

        var response = await webhooks.PostAsync(new Uri(sink.Urls.First() + "/hook"), """{"text":"hi"}""", CancellationToken.None);
        var (result, reason) = DeliveryOutcome.Classify(ReceiverKind.Slack, response);

        Assert.Equal(302, response.Status);
        Assert.Equal(0, Volatile.Read(ref followed));
        Assert.Equal(DeliveryResult.ReceiverBroken, result);
        Assert.DoesNotContain("elsewhere", reason, StringComparison.Ordinal);
        await sink.StopAsync();
    }
}

