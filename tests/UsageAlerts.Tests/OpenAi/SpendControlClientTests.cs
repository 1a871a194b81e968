using System.Net;
using System.Text.Json;
using UsageAlerts.OpenAi;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.OpenAi;

public sealed class SpendControlClientTests
{
    private const string Limit = """{"object":"project.spend_limit","threshold_amount":500000,"currency":"USD","interval":"month","enforcement":{"status":"enforcing"}}""";

    private static string AlertPage(bool hasMore, params (string Id, long Cents)[] alerts) =>
        $$"""{"object":"list","data":[{{string.Join(",", alerts.Select(a => $$$"""{"id":"{{{a.Id}}}","object":"project.spend_alert","threshold_amount":{{{a.Cents}}},"currency":"USD","interval":"month","notification_channel":{"type":"email","recipients":["a@example.com","b@example.com"],"subject_prefix":null}}"""))}}],"first_id":null,"last_id":"{{alerts[^1].Id}}","has_more":{{(hasMore ? "true" : "false")}}}""";

    [Fact]
    public async Task A_project_limit_is_read_in_dollars_from_cents()
    {
        using var harness = new ClientHarness();
        harness.Stub.Json(Limit);

        var limit = await harness.Client.GetProjectSpendLimitAsync("proj_a");

        Assert.Equal(5000.00m, limit.ThresholdUsd);
        Assert.Equal(SpendEnforcement.Enforcing, limit.Enforcement);
        Assert.Equal("https://api.test/v1/organization/projects/proj_a/spend_limit", harness.Stub.Requests[0].Uri.ToString());
    }

    [Theory]
    [InlineData("\"currency\":\"USD\"", "\"currency\":\"EUR\"", "currency")]
    [InlineData("\"currency\":\"USD\"", "\"currency\":\"usd\"", "currency")]
    [InlineData("\"interval\":\"month\"", "\"interval\":\"week\"", "interval")]
    [InlineData("\"status\":\"enforcing\"", "\"status\":\"paused\"", "enforcement.status")]
    [InlineData("500000", "5000.5", "threshold_amount")]
    public async Task Other_currencies_intervals_and_states_are_protocol_errors_naming_the_field(string from, string to, string field)
    {
        using var harness = new ClientHarness();
        harness.Stub.Json(Limit.Replace(from, to, StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => harness.Client.GetOrganizationSpendLimitAsync());

        Assert.Equal(OpenAiErrorKind.Protocol, error.Kind);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, OpenAiErrorKind.NotFound)]
    [InlineData(HttpStatusCode.Forbidden, OpenAiErrorKind.Authentication)]
    public async Task Not_set_and_forbidden_keep_their_status_for_the_caller_to_judge(HttpStatusCode status, OpenAiErrorKind kind)
    {
        using var harness = new ClientHarness();
        harness.Stub.Json("""{"error":{"message":"no","type":"invalid_request_error","param":null,"code":null}}""", status);

        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => harness.Client.GetProjectSpendLimitAsync("proj_a"));

        Assert.Equal((int)status, error.StatusCode);
        Assert.Equal(kind, error.Kind);
        Assert.Single(harness.Stub.Requests);
    }

    [Fact]
    public async Task Spend_alerts_page_by_after_until_has_more_is_false()
    {
        using var harness = new ClientHarness();
        harness.Stub.Json(AlertPage(true, ("sa_1", 100_00))).Json(AlertPage(false, ("sa_2", 250_50)));

        var alerts = await harness.CollectAsync(c => c.GetProjectSpendAlertsAsync("proj_a"));

        Assert.Equal([new SpendAlert("sa_1", 100m, 2), new SpendAlert("sa_2", 250.50m, 2)], alerts);
        Assert.Contains("after=sa_1", harness.Stub.Requests[1].Uri.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("https://api.test/v1/organization/projects/proj_a/spend_alerts?", harness.Stub.Requests[0].Uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setting_a_limit_posts_whole_cents_in_USD_per_month()
    {
        using var harness = new ClientHarness();
        string? body = null;
        HttpMethod? method = null;
        harness.Stub.Enqueue(request =>
        {
            method = request.Method;
            body = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Limit.Replace("enforcing", "inactive", StringComparison.Ordinal).Replace("500000", "123456", StringComparison.Ordinal)) };
        });

        var limit = await harness.Client.SetProjectSpendLimitAsync("proj_a", 1234.56m);

        Assert.Equal(HttpMethod.Post, method);
        using var sent = JsonDocument.Parse(body!);
        Assert.Equal(123456, sent.RootElement.GetProperty("threshold_amount").GetInt64());
        Assert.Equal("USD", sent.RootElement.GetProperty("currency").GetString());
        Assert.Equal("month", sent.RootElement.GetProperty("interval").GetString());
        Assert.Equal(new SpendLimit(1234.56m, SpendEnforcement.Inactive), limit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10.005")]
    [InlineData("-5")]
    public async Task A_limit_that_is_not_whole_cents_of_at_least_one_cent_is_refused_before_sending(string usd)
    {
        using var harness = new ClientHarness();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.Client.SetOrganizationSpendLimitAsync(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("thresholdUsd", error.ParamName);
        Assert.Empty(harness.Stub.Requests);
    }

    [Fact]
    public async Task A_refused_write_is_not_retried()
    {
        using var harness = new ClientHarness();
        harness.Stub.Json("""{"error":{"message":"Missing scopes","type":"invalid_request_error","param":null,"code":null}}""", HttpStatusCode.Forbidden);

        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => harness.Client.SetOrganizationSpendLimitAsync(100m));

        Assert.Equal(403, error.StatusCode);
        Assert.Single(harness.Stub.Requests);
    }
}
