using System.Text.Json;
using UsageAlerts.OpenAi;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.OpenAi;

public sealed class PageParserTests
{
    private static string Load(string path) => File.ReadAllText(path);

    [Fact]
    public async Task Real_completions_page_parses_every_bucket_with_exact_sums()
    {
        var page = await PageReading.UsageAsync(Load(RepoPaths.Fixture("usage-completions-1d-ungrouped.json")), "usage/completions");

        Assert.Equal(31, page.Buckets.Count);
        // The first bucket starts at the requested time (17:31 UTC), not midnight: parsed as given.
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1736616660), page.Buckets[0].Start);
        Assert.All(page.Buckets.SelectMany(b => b.Results), r => Assert.Equal("completions", r.Kind));
        Assert.All(page.Buckets.SelectMany(b => b.Results), r => Assert.Null(r.Dimensions.ProjectId));
        var raw = JsonDocument.Parse(File.ReadAllText(RepoPaths.Fixture("usage-completions-1d-ungrouped.json")));
        var expected = raw.RootElement.GetProperty("data").EnumerateArray()
            .SelectMany(b => b.GetProperty("results").EnumerateArray()).Sum(r => r.GetProperty("input_tokens").GetInt64());
        Assert.Equal(expected, page.Buckets.SelectMany(b => b.Results).Sum(r => r.Metric("input_tokens")));
        Assert.Equal(141201, page.Buckets[0].Results[0].Metric("input_tokens"));
    }

    [Fact]
    public async Task Real_costs_page_keeps_all_seventeen_digits()
    {
        var page = await PageReading.CostsAsync(Load(RepoPaths.Fixture("costs-1d-ungrouped.json")), "costs");

        Assert.Equal(31, page.Buckets.Count);
        Assert.Equal(0.13080438340307526m, page.Buckets[0].Results[0].AmountUsd);
        Assert.Equal(9.888144383403077m, page.Buckets[2].Results[0].AmountUsd);
    }

    [Theory]
    [InlineData("completions", "input_tokens", 141201L)]
    [InlineData("embeddings", "input_tokens", 20000L)]
    [InlineData("moderations", "input_tokens", 300L)]
    [InlineData("images", "images", 4L)]
    [InlineData("audio_speeches", "characters", 1800L)]
    [InlineData("audio_transcriptions", "seconds", 620L)]
    [InlineData("vector_stores", "usage_bytes", 104857600L)]
    [InlineData("code_interpreter_sessions", "num_sessions", 9L)]
    [InlineData("file_search_calls", "num_requests", 42L)]
    [InlineData("web_search_calls", "num_requests", 13L)]
    public async Task Every_usage_endpoint_parses_with_its_kind_and_metrics(string kind, string metric, long firstValue)
    {
        var page = await PageReading.UsageAsync(Load(RepoPaths.Fixture($"usage-{kind}-1d-grouped.json")), kind);

        Assert.Equal(3, page.Buckets.Count);
        Assert.Empty(page.Buckets[2].Results);
        Assert.Equal(kind, page.Buckets[0].Results[0].Kind);
        Assert.Equal(firstValue, page.Buckets[0].Results[0].Metric(metric));
        Assert.NotNull(page.Buckets[0].Results[0].Dimensions.ProjectId);
    }

    [Fact]
    public async Task Grouped_completions_keep_null_project_batch_flag_and_new_token_fields()
    {
        var page = await PageReading.UsageAsync(Load(RepoPaths.Fixture("usage-completions-1d-grouped.json")), "usage/completions");
        var first = page.Buckets[0].Results[0];
        var unattributed = page.Buckets[0].Results[1];

        Assert.Equal("gpt-4o-2024-08-06", first.Dimensions.Model);
        Assert.Equal("key_abc", first.Dimensions.ApiKeyId);
        Assert.Equal(512, first.Metric("input_cache_write_tokens"));
        Assert.Null(unattributed.Dimensions.ProjectId);
        Assert.Equal("true", unattributed.Dimensions.Batch);
        Assert.StartsWith("ft:gpt-4o", unattributed.Dimensions.Model, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Grouped_costs_keep_line_items_credits_zero_and_exponents_exact()
    {
        var results = (await PageReading.CostsAsync(Load(RepoPaths.Fixture("costs-1d-grouped.json")), "costs")).Buckets[0].Results;

        Assert.Equal("ft-gpt-4o-2024-08-06, input", results[0].LineItem);
        Assert.Equal(1234m, results[0].Quantity);
        Assert.Equal("tokens", results[0].QuantityUnit);
        Assert.Equal(0m, results[2].AmountUsd);
        Assert.Equal(-2.5m, results[3].AmountUsd);
        Assert.Equal(0.00000015m, results[4].AmountUsd);
        Assert.Null(results[3].ProjectId);
    }

    [Theory]
    [InlineData("""{"object":"page","has_more":false}""", "no 'data' array")]
    [InlineData("""{"object":"page","data":[]}""", "no boolean 'has_more'")]
    [InlineData("""{"object":"page","data":[{"start_time":10,"end_time":5,"results":[]}],"has_more":false}""", "is not after start_time")]
    [InlineData("""{"object":"page","data":[{"start_time":0,"end_time":5}],"has_more":false}""", "no 'results' array")]
    [InlineData("""{"object":"page","data":[{"start_time":0,"end_time":5,"results":[{"input_tokens":1}]}],"has_more":false}""", "not a known 'organization.usage.<kind>.result'")]
    public async Task A_broken_page_is_rejected_naming_the_endpoint(string json, string reason)
    {
        var error = await Assert.ThrowsAsync<OpenAiApiException>(() => PageReading.UsageAsync(json));

        Assert.Equal(OpenAiErrorKind.Protocol, error.Kind);
        Assert.StartsWith("organization/usage/completions:", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
