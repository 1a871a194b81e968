using UsageAlerts.Pricing;

namespace UsageAlerts.Tests.Pricing;

public sealed class BillableUsageTests
{
    private static PricedUsage Row(string kind, string? model, Dictionary<string, long> metrics, string? batch = null, string? size = null) =>
        new(kind, "proj_a", model, "key_1", batch, null, size, null, metrics);

    [Fact]
    public void Completions_split_into_the_token_types_line_items_name()
    {
        var row = Row("completions", "gpt-4o-2024-08-06", new()
        {
            ["input_tokens"] = 1000, ["input_cached_tokens"] = 300, ["input_audio_tokens"] = 100, ["input_cache_write_tokens"] = 50,
            ["output_tokens"] = 400, ["output_audio_tokens"] = 40, ["num_model_requests"] = 9,
        });

        Assert.Equal(
            [("gpt-4o-2024-08-06, input", 550L), ("gpt-4o-2024-08-06, cached input", 300L), ("gpt-4o-2024-08-06, audio input", 100L),
             ("gpt-4o-2024-08-06, cache write", 50L), ("gpt-4o-2024-08-06, output", 360L), ("gpt-4o-2024-08-06, audio output", 40L)],
            BillableUsage.Quantities(row).ToList());
    }

    [Fact]
    public void Batch_fine_tunes_images_and_tools_get_their_own_line_items()
    {
        Assert.Equal([("ft-gpt-4o-mini-2024-07-18, batch input", 10L)],
            BillableUsage.Quantities(Row("completions", "ft:gpt-4o-mini-2024-07-18:acme:support:abc", new() { ["input_tokens"] = 10 }, batch: "true")).ToList());
        Assert.Equal([("dall-e-3, 1024x1792", 3L)], BillableUsage.Quantities(Row("images", "dall-e-3", new() { ["images"] = 3 }, size: "1024x1792")).ToList());
        Assert.Equal([("web search tool calls", 4L)], BillableUsage.Quantities(Row("web_search_calls", "gpt-4o", new() { ["num_requests"] = 4, ["num_model_requests"] = 4 })).ToList());
        Assert.Equal([("tts-1, characters", 650L)], BillableUsage.Quantities(Row("audio_speeches", "tts-1", new() { ["characters"] = 650 })).ToList());
    }

    [Fact]
    public void Free_endpoints_are_never_unpriced()
    {
        Assert.Empty(BillableUsage.Quantities(Row("moderations", "omni-moderation-latest", new() { ["input_tokens"] = 100 })));
        Assert.Empty(BillableUsage.Quantities(Row("vector_stores", null, new() { ["usage_bytes"] = 100 })));
    }
}
