using System.Text.Json;
using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

[Collection(SharedSimulatorGroup.Name)]
public sealed class UsageShapeTests(SharedSimulator shared)
{
    public static TheoryData<string, string, string[], string[]> Kinds => new()
    {
        { "completions", "organization.usage.completions.result", ["input_tokens", "output_tokens", "num_model_requests", "input_cached_tokens", "input_audio_tokens", "output_audio_tokens", "input_uncached_tokens", "input_cache_write_tokens", "input_text_tokens", "input_image_tokens", "output_text_tokens", "output_image_tokens"], ["project_id", "user_id", "api_key_id", "model", "batch", "service_tier"] },
        { "embeddings", "organization.usage.embeddings.result", ["input_tokens", "num_model_requests"], ["project_id", "user_id", "api_key_id", "model"] },
        { "moderations", "organization.usage.moderations.result", ["input_tokens", "num_model_requests"], ["project_id", "user_id", "api_key_id", "model"] },
        { "images", "organization.usage.images.result", ["images", "num_model_requests"], ["size", "source", "project_id", "user_id", "api_key_id", "model"] },
        { "audio_speeches", "organization.usage.audio_speeches.result", ["characters", "num_model_requests"], ["project_id", "user_id", "api_key_id", "model"] },
        { "audio_transcriptions", "organization.usage.audio_transcriptions.result", ["seconds", "num_model_requests"], ["project_id", "user_id", "api_key_id", "model"] },
        { "vector_stores", "organization.usage.vector_stores.result", ["usage_bytes"], ["project_id"] },
        { "code_interpreter_sessions", "organization.usage.code_interpreter_sessions.result", ["num_sessions"], ["project_id"] },
        { "file_search_calls", "organization.usage.file_searches.result", ["num_requests"], ["project_id", "user_id", "api_key_id", "vector_store_id"] },
        { "web_search_calls", "organization.usage.web_searches.result", ["num_model_requests", "num_requests"], ["project_id", "user_id", "api_key_id", "model", "context_level"] },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Ungrouped_results_have_the_kinds_object_metrics_and_null_dimensions(string kind, string resultObject, string[] metrics, string[] dimensions)
    {
        var page = await shared.Harness.GetJsonAsync($"organization/usage/{kind}?start_time={Unix(Now.AddDays(-7))}");

        Assert.Equal("page", page.GetProperty("object").GetString());
        var buckets = page.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(7, buckets.Count);
        Assert.All(buckets, bucket => Assert.Equal("bucket", bucket.GetProperty("object").GetString()));
        var results = buckets.Results().ToList();
        Assert.NotEmpty(results);
        foreach (var result in results)
        {
            Assert.Equal(resultObject, result.GetProperty("object").GetString());
            Assert.Equal(metrics.Concat(dimensions).Append("object").Append("organization_id").Order(), result.EnumerateObject().Select(p => p.Name).Order());
            Assert.All(metrics, m => Assert.True(result.GetProperty(m).GetInt64() >= 0));
            Assert.All(dimensions, d => Assert.Equal(JsonValueKind.Null, result.GetProperty(d).ValueKind));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Grouping_by_every_dimension_fills_them(string kind, string resultObject, string[] metrics, string[] dimensions)
    {
        var groupBy = string.Join("", dimensions.Select(d => $"&group_by={d}"));
        var page = await shared.Harness.GetJsonAsync($"organization/usage/{kind}?start_time={Unix(Now.AddDays(-3))}{groupBy}");

        var results = page.GetProperty("data").EnumerateArray().Results().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(resultObject, r.GetProperty("object").GetString()));
        Assert.All(results, r => Assert.True(metrics.Sum(m => r.GetProperty(m).GetInt64()) > 0, "an all-zero row was returned"));
        Assert.All(dimensions.Where(d => d != "user_id"), d => Assert.Contains(results, r => r.GetProperty(d).ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False));
    }

    [Fact]
    public async Task Completions_fields_come_in_OpenAIs_order()
    {
        var page = await shared.Harness.GetJsonAsync($"organization/usage/completions?start_time={Unix(Now.AddDays(-2))}");

        var first = page.GetProperty("data").EnumerateArray().Results().First();
        string[] expected =
        [
            "object", "organization_id", "input_tokens", "output_tokens", "num_model_requests", "project_id", "user_id", "api_key_id", "model",
            "batch", "service_tier", "input_cached_tokens", "input_audio_tokens", "output_audio_tokens", "input_uncached_tokens",
            "input_cache_write_tokens", "input_text_tokens", "input_image_tokens", "output_text_tokens", "output_image_tokens",
        ];
        Assert.Equal(expected, first.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Cached_and_audio_tokens_never_exceed_their_totals_even_per_minute()
    {
        var start = Unix(Now.AddHours(-2));
        var buckets = await shared.Harness.GetAllBucketsAsync($"organization/usage/completions?start_time={start}&bucket_width=1m&limit=1440&group_by=project_id&group_by=model&group_by=api_key_id&group_by=user_id&group_by=batch&group_by=service_tier");

        var results = buckets.Results().ToList();
        Assert.Contains(results, r => r.GetProperty("input_audio_tokens").GetInt64() > 0);
        Assert.Contains(results, r => r.GetProperty("input_cached_tokens").GetInt64() > 0);
        Assert.All(results, r => Assert.True(
            r.GetProperty("input_cached_tokens").GetInt64() + r.GetProperty("input_audio_tokens").GetInt64() <= r.GetProperty("input_tokens").GetInt64() &&
            r.GetProperty("output_audio_tokens").GetInt64() <= r.GetProperty("output_tokens").GetInt64()));
    }
}
