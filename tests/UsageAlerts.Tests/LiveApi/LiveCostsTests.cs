using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Health;
using UsageAlerts.Ingestion;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;
using UsageAlerts.Storage;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.LiveApi;

/// <summary>
/// Costs against the simulator in live fidelity (the default): the endpoint refuses group_by=api_key_id, sends
/// amounts as strings (zero as "0E-6176"), starts at midnight, ends with a whole day, and lists a result without an
/// amount every day. Before this work the first poll failed with BadRequest and nothing was ever stored.
/// </summary>
public sealed class LiveCostsTests
{
    private static async Task<StreamStateEntity> CostsStateAsync(IngestionHarness harness) =>
        (await harness.Services.GetRequiredService<StreamStateStore>().GetAsync(StreamCatalog.CostsStreamName, default))!;

    private static async Task<decimal> StoredCostsAsync(IngestionHarness harness) =>
        (await harness.RowsAsync(TableName.Costs, StreamCatalog.CostsStreamName + "|")).Sum(r => CostRows.ParseAmount(r.GetString(CostRows.AmountUsd)));

    [Fact]
    public async Task A_refused_api_key_grouping_keeps_the_window_warns_and_stores_every_cent()
    {
        await using var harness = await IngestionHarness.StartAsync("livecosts");
        var now = harness.Clock.GetUtcNow();

        await harness.RunAsync(JobNames.PollCosts);

        var state = await CostsStateAsync(harness);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.Equal("api_key_id", state.ReducedGroupBy);
        Assert.Contains("group_by=api_key_id", state.Warning, StringComparison.Ordinal);
        var truth = harness.Simulator.Organization.Costs(now.UtcDateTime.Date.AddDays(-30), now).Sum(c => c.AmountUsd);
        Assert.Equal(truth, await StoredCostsAsync(harness));
        Assert.All(await harness.RowsAsync(TableName.Costs, StreamCatalog.CostsStreamName + "|"), r => Assert.Null(r.GetString(CostRows.ApiKeyId)));

        var health = await harness.Services.GetRequiredService<HealthService>().CheckAsync(default);
        var costs = Assert.Single(health.Streams, s => s.Name == StreamCatalog.CostsStreamName);
        Assert.True(costs.Fresh);
        Assert.Null(costs.LastErrorKind);
        Assert.Contains("group_by=api_key_id", costs.Warning, StringComparison.Ordinal);
        // Live costs list an amount-less result every day grouped by line item: skipped, counted, shown.
        Assert.True(costs.SkippedResults >= 30, $"skipped {costs.SkippedResults}");
    }

    [Fact]
    public async Task The_full_grouping_is_tried_again_only_after_the_retry_interval()
    {
        await using var harness = await IngestionHarness.StartAsync("liveretry", settings: new() { ["Ingestion:CostGroupingRetryInterval"] = "06:00:00" });
        await harness.RunAsync(JobNames.PollCosts);
        var afterFirst = harness.Simulator.Calls.Count("costs");

        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.RunAsync(JobNames.PollCosts);
        Assert.Equal(afterFirst + 1, harness.Simulator.Calls.Count("costs"));

        harness.Clock.Advance(TimeSpan.FromHours(6));
        await harness.RunAsync(JobNames.PollCosts);
        // Refused again (one call), then read without it (one call); the warning stays, the stream stays healthy.
        Assert.Equal(afterFirst + 3, harness.Simulator.Calls.Count("costs"));
        var state = await CostsStateAsync(harness);
        Assert.Equal(0, state.ConsecutiveFailures);
        Assert.True(state.RicherGroupingRetryAt > harness.Clock.GetUtcNow().AddHours(5));
    }

    [Fact]
    public async Task Where_the_api_accepts_api_key_grouping_costs_stay_billed_per_key_without_a_warning()
    {
        await using var harness = await IngestionHarness.StartAsync("documentedcosts", new SimulatorOptions { Fidelity = SimulatorFidelity.Documented });

        await harness.RunAsync(JobNames.PollCosts);

        var state = await CostsStateAsync(harness);
        Assert.Null(state.ReducedGroupBy);
        Assert.Null(state.Warning);
        Assert.Contains(await harness.RowsAsync(TableName.Costs, StreamCatalog.CostsStreamName + "|"), r => r.GetString(CostRows.ApiKeyId) is not null);
    }

    [Fact]
    public async Task Watermarks_stay_exact_with_whole_last_buckets_and_midnight_first_buckets_across_runs()
    {
        await using var harness = await IngestionHarness.StartAsync("liveshape");
        var start = harness.Clock.GetUtcNow();

        await harness.RunAsync(JobNames.PollCosts);
        await harness.RunAsync(JobNames.PollUsage);
        var state = await CostsStateAsync(harness);
        // The whole last bucket ends tomorrow; the watermark stops at today's open bucket.
        Assert.Equal(new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero), state.Watermark);
        Assert.Equal(new DateTimeOffset(start.UtcDateTime.Date.AddDays(1), TimeSpan.Zero), state.StoredThrough);

        harness.Clock.Advance(TimeSpan.FromHours(30));
        await harness.RunAsync(JobNames.PollCosts);
        await harness.RunAsync(JobNames.PollUsage);
        var now = harness.Clock.GetUtcNow();
        var from = start.UtcDateTime.Date.AddDays(-30);
        Assert.Equal(harness.Simulator.Organization.Costs(from, now).Sum(c => c.AmountUsd), await StoredCostsAsync(harness));
        var usage = await harness.RowsAsync(TableName.Usage, "completions.1d|");
        Assert.Equal(
            harness.Simulator.Organization.Usage("completions", from, now).Sum(r => r.Metrics["input_tokens"]),
            usage.Sum(r => r.GetInt64("input_tokens") ?? 0));
    }

    [Fact]
    public async Task A_host_clock_ahead_of_openai_never_sends_a_future_end_time()
    {
        await using var harness = await IngestionHarness.StartAsync("liveahead", hostClockAhead: TimeSpan.FromMinutes(7));

        await harness.RunAsync(JobNames.PollRecentUsage);
        await harness.RunAsync(JobNames.PollUsage);
        await harness.RunAsync(JobNames.PollCosts);

        var states = await harness.Services.GetRequiredService<StreamStateStore>().GetAllAsync(default);
        Assert.NotEmpty(states);
        Assert.All(states, s => Assert.True(s.ConsecutiveFailures == 0, $"{s.RowKey}: {s.LastError}"));
        // Today's open bucket was read: the current day's usage so far is stored.
        var today = await harness.RowsAsync(TableName.Usage, $"completions.1h|{harness.Clock.GetUtcNow():yyyyMMdd}");
        Assert.NotEmpty(today);
    }
}
