using System.Net;
using UsageAlerts.OpenAi;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.OpenAi;

public sealed class AdminClientTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static string Page(long start, bool hasMore, string? next, int buckets = 1) =>
        $$"""{"object":"page","data":[{{string.Join(",", Enumerable.Range(0, buckets).Select(i => $$"""{"object":"bucket","start_time":{{start + (i * 86400)}},"end_time":{{start + ((i + 1) * 86400)}},"results":[{"object":"organization.usage.completions.result","input_tokens":{{i + 1}},"output_tokens":1,"num_model_requests":1}]}"""))}}],"has_more":{{(hasMore ? "true" : "false")}},"next_page":{{(next is null ? "null" : $"\"{next}\"")}}}""";

    private static UsageQuery Query => new(UsageKind.Completions, Start, End, BucketWidth.Day) { GroupBy = ["project_id", "model"], ProjectIds = ["proj_a"] };

    [Fact]
    public async Task Follows_every_page_and_sends_every_parameter()
    {
        using var harness = new ClientHarness();
        harness.Stub.Json(Page(Start.ToUnixTimeSeconds(), true, "page_2")).Json(Page(Start.AddDays(1).ToUnixTimeSeconds(), false, null));

        var pages = await harness.CollectAsync(c => c.GetUsageBucketsAsync(Query));

        Assert.Equal(2, pages.Count);
        var first = harness.Stub.Requests[0].Uri.ToString();
        Assert.StartsWith("https://api.test/v1/organization/usage/completions?", first, StringComparison.Ordinal);
        Assert.Contains($"start_time={Start.ToUnixTimeSeconds()}", first, StringComparison.Ordinal);
        Assert.Contains($"end_time={End.ToUnixTimeSeconds()}", first, StringComparison.Ordinal);
        Assert.Contains("bucket_width=1d", first, StringComparison.Ordinal);
        Assert.Contains("limit=31", first, StringComparison.Ordinal);
        Assert.Contains("group_by=project_id&group_by=model", first, StringComparison.Ordinal);
        Assert.Contains("project_ids=proj_a", first, StringComparison.Ordinal);
        Assert.Contains("page=page_2", harness.Stub.Requests[1].Uri.ToString(), StringComparison.Ordinal);
        Assert.Equal($"Bearer {ClientHarness.AdminKey}", harness.Stub.Requests[0].Authorization);
    }

    [Theory]
    [InlineData("repeated")]
    [InlineData("missing")]
    [InlineData("empty")]
    public async Task Paging_traps_stop_the_stream_with_an_error(string trap)
    {
        using var harness = new ClientHarness();
        harness.Stub.Json(Page(Start.ToUnixTimeSeconds(), true, "page_2"));
        switch (trap)
        {
            case "repeated":
                harness.Stub.Json(Page(Start.AddDays(1).ToUnixTimeSeconds(), true, "page_2"));
                break;
            case "missing":
                harness.Stub.Json(Page(Start.AddDays(1).ToUnixTimeSeconds(), true, null));
                break;
            default:
                harness.Stub.Json("""{"object":"page","data":[],"has_more":true,"next_page":"page_3"}""");
                break;
        }

        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => harness.CollectAsync(c => c.GetUsageBucketsAsync(Query)));

        Assert.Equal(OpenAiErrorKind.Protocol, error.Kind);
        Assert.Contains("paging stopped", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task More_pages_than_the_range_can_need_is_a_loop()
    {
        using var harness = new ClientHarness();
        var counter = 0;
        harness.Stub.Fallback = _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(Page(Start.ToUnixTimeSeconds(), true, $"page_{++counter}")),
        };
        var shortRange = Query with { EndTime = Start.AddDays(2) };

        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => harness.CollectAsync(c => c.GetUsageBucketsAsync(shortRange)));

        Assert.Contains("more than", error.Message, StringComparison.Ordinal);
        Assert.True(harness.Stub.Requests.Count <= 4);
    }

    [Fact]
    public async Task A_rate_limit_with_retry_after_waits_at_least_that_long_then_succeeds()
    {
        using var harness = new ClientHarness();
        harness.Stub
            .Json("""{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", HttpStatusCode.TooManyRequests, r => r.Headers.Add("Retry-After", "2"))
            .Json(Page(Start.ToUnixTimeSeconds(), false, null));

        var pages = await harness.CollectAsync(c => c.GetUsageBucketsAsync(Query));

        Assert.Single(pages);
        Assert.Equal(2, harness.Stub.Requests.Count);
        Assert.True(harness.Stub.Requests[1].At - harness.Stub.Requests[0].At >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_huge_retry_after_is_capped()
    {
        using var harness = new ClientHarness(new() { ["OpenAI:MaxRetryAfter"] = "00:00:05" });
        harness.Stub
            .Json("""{"error":{"code":"rate_limit_exceeded"}}""", HttpStatusCode.TooManyRequests, r => r.Headers.Add("Retry-After", "3600"))
            .Json(Page(Start.ToUnixTimeSeconds(), false, null));

        await harness.CollectAsync(c => c.GetUsageBucketsAsync(Query));

        var waited = harness.Stub.Requests[1].At - harness.Stub.Requests[0].At;
        Assert.InRange(waited, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}""", OpenAiErrorKind.InsufficientQuota)]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":{"message":"Incorrect API key provided: sk-admin-abcd****wxyz","code":"invalid_api_key"}}""", OpenAiErrorKind.Authentication)]
    [InlineData(HttpStatusCode.Forbidden, """{"error":{"message":"Missing scopes: api.usage.read"}}""", OpenAiErrorKind.Authentication)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":{"message":"limit too big","param":"limit"}}""", OpenAiErrorKind.BadRequest)]
    public async Task Permanent_errors_are_not_retried(HttpStatusCode status, string body, OpenAiErrorKind kind)
    {
        using var harness = new ClientHarness();
        harness.Stub.Json(body, status);

        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => harness.CollectAsync(c => c.GetUsageBucketsAsync(Query)));

        Assert.Equal(kind, error.Kind);
        Assert.Single(harness.Stub.Requests);
        Assert.DoesNotContain("sk-admin-abcd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_and_network_failures_back_off_then_succeed()
    {
        using var harness = new ClientHarness();
        harness.Stub
            .Json("{}", HttpStatusCode.InternalServerError)
            .Throw(new HttpRequestException("connection reset"))
            .Json("{}", HttpStatusCode.ServiceUnavailable)
            .Json(Page(Start.ToUnixTimeSeconds(), false, null));

        var pages = await harness.CollectAsync(c => c.GetUsageBucketsAsync(Query));

        Assert.Single(pages);
        Assert.Equal(4, harness.Stub.Requests.Count);
        Assert.True(harness.Stub.Requests[3].At > harness.Stub.Requests[0].At, "backoff waits on the clock");
    }

    [Fact]
    public async Task Persistent_server_errors_fail_after_the_retry_budget()
    {
        using var harness = new ClientHarness(new() { ["OpenAI:MaxRetries"] = "2" });
        harness.Stub.Fallback = _ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("bad gateway") };

        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => harness.CollectAsync(c => c.GetUsageBucketsAsync(Query)));

        Assert.Equal(OpenAiErrorKind.Transient, error.Kind);
        Assert.Equal(3, harness.Stub.Requests.Count);
    }

    [Fact]
    public async Task Malformed_json_is_a_protocol_error_naming_the_endpoint()
    {
        using var harness = new ClientHarness();
        harness.Stub.Json("""{"object":"page","data":[{"start_ti""");

        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => harness.CollectAsync(c => c.GetCostBucketsAsync(new CostsQuery(Start, End))));

        Assert.Equal(OpenAiErrorKind.Protocol, error.Kind);
        Assert.StartsWith("organization/costs:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Costs_ask_for_the_largest_accepted_page()
    {
        using var harness = new ClientHarness();
        harness.Stub.Json("""{"object":"page","data":[],"has_more":false,"next_page":null}""");

        await harness.CollectAsync(c => c.GetCostBucketsAsync(new CostsQuery(Start, End) { GroupBy = ["project_id", "line_item"] }));

        var uri = harness.Stub.Requests[0].Uri.ToString();
        Assert.Contains("limit=180", uri, StringComparison.Ordinal);
        Assert.Contains("group_by=project_id&group_by=line_item", uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projects_and_rate_limits_follow_after_cursors()
    {
        using var harness = new ClientHarness();
        harness.Stub
            .Json("""{"object":"list","data":[{"id":"proj_1","name":"Research","status":"active","created_at":1700000000}],"first_id":"proj_1","last_id":"proj_1","has_more":true}""")
            .Json("""{"object":"list","data":[{"id":"proj_2","name":"Old","status":"archived","created_at":1700000000,"archived_at":1710000000}],"first_id":"proj_2","last_id":"proj_2","has_more":false}""")
            .Json("""{"object":"list","data":[{"object":"project.rate_limit","id":"rl-gpt-4o","model":"gpt-4o","max_requests_per_1_minute":500,"max_tokens_per_1_minute":30000,"max_audio_megabytes_per_1_minute":2.5}],"has_more":false}""");

        var projects = await harness.CollectAsync(c => c.GetProjectsAsync());
        var limits = await harness.CollectAsync(c => c.GetRateLimitsAsync("proj_1"));

        Assert.Equal(["Research", "Old"], projects.Select(p => p.Name));
        Assert.Equal("archived", projects[1].Status);
        Assert.Contains("after=proj_1", harness.Stub.Requests[1].Uri.ToString(), StringComparison.Ordinal);
        Assert.Equal(30000, limits[0].MaxTokensPerMinute);
        Assert.Equal(2.5m, limits[0].MaxAudioMegabytesPerMinute);
        Assert.EndsWith("organization/projects/proj_1/rate_limits?limit=100", harness.Stub.Requests[2].Uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_admin_key_is_an_authentication_error_naming_the_secret()
    {
        using var harness = new ClientHarness(new() { ["Secrets:OpenAiAdminKey"] = "" });

        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => harness.CollectAsync(c => c.GetProjectsAsync()));

        Assert.Equal(OpenAiErrorKind.Authentication, error.Kind);
        Assert.Contains("'OpenAiAdminKey'", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Stub.Requests);
    }
}
