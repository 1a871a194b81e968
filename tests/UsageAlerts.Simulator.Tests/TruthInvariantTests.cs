using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

/// <summary>Summing the API's buckets over all pages equals the ground truth, for any range, width and grouping.</summary>
[Collection(SharedSimulatorGroup.Name)]
public sealed class TruthInvariantTests(SharedSimulator shared)
{
    private readonly SimulatorHarness _sim = shared.Harness;

    [Theory]
    [InlineData("completions", "1d", "project_id,model", -20 * 86_400 - 3_723, null, 31)]
    [InlineData("completions", "1h", "", -3 * 86_400 - 61, -3_600 * 5 - 17, 168)]
    [InlineData("completions", "1m", "project_id,model,api_key_id,user_id,batch,service_tier", -3 * 3_600 - 29, null, 1440)]
    [InlineData("completions", "1d", "user_id,service_tier", -44 * 86_400, -10 * 86_400 + 999, 7)]
    [InlineData("embeddings", "1d", "user_id", -10 * 86_400, null, 31)]
    [InlineData("moderations", "1h", "project_id,api_key_id", -2 * 86_400 + 45, null, 100)]
    [InlineData("images", "1h", "size,source,model", -4 * 86_400, null, 168)]
    [InlineData("audio_speeches", "1d", "project_id", -9 * 86_400, null, 31)]
    [InlineData("audio_transcriptions", "1m", "model", -90 * 60, null, 60)]
    [InlineData("vector_stores", "1d", "project_id", -15 * 86_400, null, 31)]
    [InlineData("code_interpreter_sessions", "1h", "", -86_400, null, 24)]
    [InlineData("file_search_calls", "1d", "vector_store_id,user_id", -12 * 86_400, null, 31)]
    [InlineData("web_search_calls", "1d", "context_level,model", -12 * 86_400, null, 5)]
    public async Task Usage_pages_sum_to_the_truth(string kind, string width, string groupBy, int startOffset, int? endOffset, int limit)
    {
        var start = Unix(Now) + startOffset;
        var end = endOffset is { } e ? Unix(Now) + e : (long?)null;
        var dimensions = groupBy.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var query = $"organization/usage/{kind}?start_time={start}&bucket_width={width}&limit={limit}"
            + (end is null ? "" : $"&end_time={end}")
            + string.Concat(dimensions.Select(d => $"&group_by={d}"));

        var results = (await _sim.GetAllBucketsAsync(query)).Results().ToList();
        var truth = _sim.Organization.Usage(kind, DateTimeOffset.FromUnixTimeSeconds(start), end is null ? Now : DateTimeOffset.FromUnixTimeSeconds(end.Value));

        Assert.NotEmpty(truth);
        foreach (var metric in truth[0].Metrics.Keys)
        {
            Assert.Equal(truth.SumBy(dimensions, metric).OrderBy(p => p.Key), results.SumBy(dimensions, metric).OrderBy(p => p.Key));
        }
    }

    [Theory]
    [InlineData("", -20 * 86_400 - 3_723, null)]
    [InlineData("project_id", -31 * 86_400, null)]
    [InlineData("line_item", -7 * 86_400 + 4_000, -86_400 - 77)]
    [InlineData("project_id,line_item,api_key_id", -40 * 86_400, null)]
    public async Task Cost_pages_sum_to_the_truth_to_the_exact_decimal(string groupBy, int startOffset, int? endOffset)
    {
        var start = Unix(Now) + startOffset;
        var end = endOffset is { } e ? Unix(Now) + e : (long?)null;
        var dimensions = groupBy.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var query = $"organization/costs?start_time={start}&limit=9" + (end is null ? "" : $"&end_time={end}")
            + string.Concat(dimensions.Select(d => $"&group_by={d}"));

        var results = (await _sim.GetAllBucketsAsync(query)).Results().ToList();
        var truth = _sim.Organization.Costs(DateTimeOffset.FromUnixTimeSeconds(start), end is null ? Now : DateTimeOffset.FromUnixTimeSeconds(end.Value));

        string TruthKey(SimCostRow row) => string.Join("|", dimensions.Select(d => d switch
        {
            "project_id" => row.ProjectId,
            "line_item" => row.LineItem,
            _ => row.ApiKeyId,
        } ?? "(none)"));
        var expected = truth.GroupBy(TruthKey).ToDictionary(g => g.Key, g => g.Sum(r => r.AmountUsd));
        var actual = results.GroupBy(r => r.Key(dimensions)).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount()));
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        Assert.True(expected.Values.Sum() > 0);
        Assert.Contains(truth, row => decimal.Round(row.AmountUsd, 6) != row.AmountUsd);
    }

    [Fact]
    public async Task Costs_grouped_by_line_item_carry_quantities_and_units()
    {
        var page = await _sim.GetJsonAsync($"organization/costs?start_time={Unix(Now.AddDays(-2))}&group_by=line_item");

        var results = page.GetProperty("data").EnumerateArray().Results().ToList();
        Assert.Contains(results, r => r.Text("line_item") == "gpt-4o-2024-08-06, input" && r.Text("quantity_unit") == "tokens");
        Assert.Contains(results, r => r.Text("line_item") == "gpt-4o-2024-08-06, cached input");
        Assert.Contains(results, r => r.Text("line_item") == "assistants api | file search");
        Assert.Contains(results, r => r.Text("line_item") == "web search tool calls");
        Assert.All(results, r => Assert.True(r.GetProperty("quantity").GetInt64() > 0));
        Assert.All(results, r => Assert.Equal("usd", r.GetProperty("amount").GetProperty("currency").GetString()));
    }
}
