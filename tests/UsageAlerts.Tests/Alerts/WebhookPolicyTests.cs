using UsageAlerts.Notifications;
using UsageAlerts.Rules;

namespace UsageAlerts.Tests.Alerts;

public sealed class WebhookPolicyTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/T000/B000/XXXX", "Slack")]
    [InlineData("https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x", "Teams")]
    [InlineData("https://default0a1b.2c.environment.api.powerplatform.com/powerautomate/automations/direct/workflows/abc", "Teams")]
    [InlineData("https://contoso.webhook.office.com/webhookb2/abc", "Teams")]
    [InlineData("https://HOOKS.SLACK.COM./services/T000/B000/XXXX", "Slack")]
    public void Real_webhook_hosts_pass(string url, string type) => Assert.Null(WebhookUrlPolicy.Check(url, Enum.Parse<ReceiverType>(type), allowLoopback: false));

    [Theory]
    [InlineData("http://hooks.slack.com/services/T/B/X", "Slack", "https")]
    [InlineData("https://hooks.slack.com.example.org/services/T/B/X", "Slack", "not a Slack webhook host")]
    [InlineData("https://evilhooks.slack.com/services/T/B/X", "Slack", "not a Slack webhook host")]
    [InlineData("https://logic.azure.com.attacker.net/workflows/x", "Teams", "not a Teams webhook host")]
    [InlineData("https://notlogic.azure.com/workflows/x", "Teams", "not a Teams webhook host")]
    [InlineData("https://user:pass@hooks.slack.com/services/T/B/X", "Slack", "user info")]
    [InlineData("https://52.1.2.3/services/T/B/X", "Slack", "IP address")]
    [InlineData("https://[2001:db8::1]/services/T/B/X", "Slack", "IP address")]
    [InlineData("https://hooks.slack.com:8443/services/T/B/X", "Slack", "default https port")]
    [InlineData("https://hooks.slack.com/services/T/B/X", "Teams", "not a Teams webhook host")]
    [InlineData("http://127.0.0.1:5000/sink/slack/x", "Slack", "https")]
    [InlineData("not a url", "Slack", "absolute URL")]
    public void Everything_else_is_refused_without_echoing_the_url(string url, string type, string reason)
    {
        var error = WebhookUrlPolicy.Check(url, Enum.Parse<ReceiverType>(type), allowLoopback: false);

        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.DoesNotContain("/services/", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Loopback_http_is_only_for_an_explicitly_local_sink()
    {
        Assert.Null(WebhookUrlPolicy.Check("http://127.0.0.1:5000/sink/slack/x", ReceiverType.Slack, allowLoopback: true));
        Assert.NotNull(WebhookUrlPolicy.Check("http://10.0.0.5:5000/sink/slack/x", ReceiverType.Slack, allowLoopback: true));
    }

    [Theory]
    [InlineData("Slack", 200, "ok", "Delivered")]
    [InlineData("Slack", 200, "invalid_token", "Rejected")]
    [InlineData("Teams", 202, "", "Delivered")]
    [InlineData("Slack", 429, "", "RetryLater")]
    [InlineData("Slack", 503, "service_unavailable", "RetryLater")]
    [InlineData("Slack", 0, "HttpRequestException", "RetryLater")]
    [InlineData("Slack", 404, "no_service", "ReceiverBroken")]
    [InlineData("Slack", 410, "channel_is_archived", "ReceiverBroken")]
    [InlineData("Slack", 403, "invalid_token", "ReceiverBroken")]
    [InlineData("Slack", 400, "invalid_payload", "Rejected")]
    [InlineData("Slack", 302, "", "ReceiverBroken")]
    [InlineData("Teams", 307, "", "ReceiverBroken")]
    [InlineData("Teams", 413, "Request Entity too large", "Rejected")]
    public void Webhook_answers_are_read_as_the_docs_say(string kind, int status, string body, string expected) =>
        Assert.Equal(Enum.Parse<DeliveryResult>(expected), DeliveryOutcome.Classify(Enum.Parse<ReceiverKind>(kind), new WebhookResponse(status, body, null)).Result);
}
