using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Ingestion;
using UsageAlerts.Jobs;
using UsageAlerts.OpenAi;
using UsageAlerts.Simulator;
using UsageAlerts.Storage;
using UsageAlerts.Storage.Rollups;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Integration;

/// <summary>Ingestion of the simulated organization into Azurite, checked against the simulator's ground truth.</summary>
public sealed class IngestionTests
{
    private static readonly string[] TokenMetrics = ["input_tokens", "output_tokens", "num_model_requests", "input_cached_tokens", "images", "characters", "seconds", "usage_bytes", "num_sessions", "num_requests"];

    private static async Task AssertUsageMatchesTruthAsync(IngestionHarness harness, UsageKind kind, BucketWidth width, DateTimeOffset from, DateTimeOffset to)
    {
        var rows = await harness.RowsAsync(TableName.Usage, $"{kind.Name}.{width.ToApiValue()}|");
        var truth = harness.Simulator.Organization.Usage(kind.Name, from, to);
        foreach (var metric in TokenMetrics)
        {
            var expected = truth.Sum(r => r.Metrics.GetValueOrDefault(metric));
            var stored = rows.Sum(r => r.GetInt64(metric) ?? 0);
            Assert.True(expected == stored, $"{kind.Name} {width} {metric}: stored {stored}, truth {expected}");
        }

        if (width == BucketWidth.Day)
        {
            // Summaries read the day packs written with the rows: they must say exactly what the rows say.
            var packed = (await DayPacksAsync(harness, kind.Name + ".1d", kind.Name)).Usage;
            // Rows split by batch and service tier where the stream groups by them; a pack sums them per key.
            var byGroup = rows
                .GroupBy(r => ((DateOnly Day, string? Project, string? Model, string? Key))(UsageAlerts.Storage.Periods.Day(r.GetDateTimeOffset(UsageRows.BucketStart)!.Value), r.GetString(UsageRows.ProjectId), r.GetString(UsageRows.Model), r.GetString(UsageRows.ApiKeyId)))
                .ToDictionary(g => g.Key, g => g.SelectMany(r => r).Where(c => c.Value is long).GroupBy(c => c.Key).ToDictionary(c => c.Key, c => c.Sum(v => (long)v.Value)));
            Assert.Equal(byGroup.Count, packed.Count);
            Assert.All(packed, p => Assert.Equal(byGroup[(p.Day, p.ProjectId, p.Model, p.ApiKeyId)], p.Metrics.ToDictionary()));
        }
    }

    private static async Task<(List<UsageAlerts.Storage.UsageRecord> Usage, List<UsageAlerts.Storage.CostRecord> Costs)> DayPacksAsync(IngestionHarness harness, string stream, string? kind)
    {
        var packs = await harness.RowsAsync(TableName.Rollups, stream + "|");
        var records = packs.Where(p => p.RowKey != RollupRows.MonthRow).Select(p => PackDecoder.Decode(RollupRows.Pack(p)!, RollupRows.DayOf(p.RowKey), kind)).ToList();
        return ([.. records.SelectMany(r => r.Usage)], [.. records.SelectMany(r => r.Costs)]);
    }

    private static async Task AssertCostsMatchTruthAsync(IngestionHarness harness, DateTimeOffset from, DateTimeOffset to)
    {
        var rows = await harness.RowsAsync(TableName.Costs, StreamCatalog.CostsStreamName + "|");
        var stored = rows.Sum(r => CostRows.ParseAmount(r.GetString(CostRows.AmountUsd)));
        var truth = harness.Simulator.Organization.Costs(from, to).Sum(c => c.AmountUsd);
        Assert.Equal(truth, stored);
        Assert.Equal(truth, (await DayPacksAsync(harness, StreamCatalog.CostsStreamName, null)).Costs.Sum(c => c.AmountUsd));
    }

    [Fact]
    public async Task A_backfill_stores_every_endpoint_exactly_as_the_truth()
    {
        await using var harness = await IngestionHarness.StartAsync("backfill");
        var now = harness.Clock.GetUtcNow();
        var nowSecond = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());

        foreach (var job in new[] { JobNames.PollProjects, JobNames.PollUsage, JobNames.PollCosts, JobNames.PollRecentUsage })
        {
            await harness.RunAsync(job);
        }

        foreach (var kind in UsageKind.All)
        {
            await AssertUsageMatchesTruthAsync(harness, kind, BucketWidth.Day, BucketWidth.Day.AlignDown(now.AddDays(-30)), nowSecond);
            await AssertUsageMatchesTruthAsync(harness, kind, BucketWidth.Hour, BucketWidth.Hour.AlignDown(now.AddHours(-48)), nowSecond);
        }

        await AssertUsageMatchesTruthAsync(harness, UsageKind.Completions, BucketWidth.Minute, BucketWidth.Minute.AlignDown(now.AddMinutes(-120)), nowSecond);
        await AssertCostsMatchTruthAsync(harness, BucketWidth.Day.AlignDown(now.AddDays(-30)), nowSecond);

        var projects = await harness.RowsAsync(TableName.Catalog, CatalogRows.ProjectPartition);
        Assert.Equal(harness.Simulator.Organization.Projects.Count, projects.Count(r => r.PartitionKey == CatalogRows.ProjectPartition));
        var limits = await harness.RowsAsync(TableName.Catalog, "ratelimit|");
        var active = harness.Simulator.Organization.Projects.Where(p => p.Status == "active");
        Assert.Equal(active.Sum(p => harness.Simulator.Organization.RateLimits(p.Id).Count), limits.Count);

        var health = await harness.Services.GetRequiredService<Health.HealthService>().CheckAsync(default);
        Assert.All(health.Streams, s => Assert.True(s.Fresh || s.Unavailable, $"{s.Name} is not fresh: {s.LastError}"));
        Assert.Equal("healthy", health.Status);
    }

    [Fact]
    public async Task A_repoll_of_revised_buckets_leaves_the_latest_values_never_the_sum()
    {
        // OpenAI revises recent buckets; the simulator revises as far back as the hourly re-poll window reaches.
        await using var harness = await IngestionHarness.StartAsync("revise", new SimulatorOptions { RevisionWindowHours = 6 }, new() { ["Ingestion:Kinds:0"] = "completions" });
        await harness.RunAsync(JobNames.PollUsage);
        await harness.RunAsync(JobNames.PollCosts);

        harness.Simulator.Organization.RevisionEpoch = 3;
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.RunAsync(JobNames.PollUsage);
        await harness.RunAsync(JobNames.PollCosts);

        var now = DateTimeOffset.FromUnixTimeSeconds(harness.Clock.GetUtcNow().ToUnixTimeSeconds());
        var start = BucketWidth.Day.AlignDown(IngestionHarness.Start.AddDays(-30));
        await AssertUsageMatchesTruthAsync(harness, UsageKind.Completions, BucketWidth.Day, start, now);
        await AssertUsageMatchesTruthAsync(harness, UsageKind.Completions, BucketWidth.Hour, BucketWidth.Hour.AlignDown(IngestionHarness.Start.AddHours(-48)), now);
        await AssertCostsMatchTruthAsync(harness, start, now);
    }

    [Fact]
    public async Task A_repoll_that_finds_nothing_new_rewrites_no_row_and_keeps_the_truth()
    {
        await using var harness = await IngestionHarness.StartAsync("unchanged", settings: new() { ["Ingestion:Kinds:0"] = "completions" });
        await harness.RunAsync(JobNames.PollUsage);
        await harness.RunAsync(JobNames.PollCosts);
        var runs = harness.Services.GetRequiredService<JobRunStore>();
        var firstRuns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in new[] { JobNames.PollUsage, JobNames.PollCosts })
        {
            firstRuns.Add((await runs.LatestAsync(job, 1, default))[0].RowKey);
        }

        var before = (await harness.RowsAsync(TableName.Usage, "completions.")).Concat(await harness.RowsAsync(TableName.Costs, StreamCatalog.CostsStreamName + "|"))
            .ToDictionary(r => (r.PartitionKey, r.RowKey), r => r.ETag);

        // The clock stands still: every re-polled bucket comes back exactly as stored.
        await harness.RunAsync(JobNames.PollUsage);
        await harness.RunAsync(JobNames.PollCosts);

        foreach (var job in new[] { JobNames.PollUsage, JobNames.PollCosts })
        {
            // Both runs start at the same (still) instant, so their records tie on time: pick the re-poll's by key.
            var run = Assert.Single(await runs.LatestAsync(job, 2, default), r => !firstRuns.Contains(r.RowKey));
            Assert.True(run.Succeeded, run.Errors);
            Assert.Equal(0, run.RowsWritten);
        }

        var after = (await harness.RowsAsync(TableName.Usage, "completions.")).Concat(await harness.RowsAsync(TableName.Costs, StreamCatalog.CostsStreamName + "|")).ToList();
        Assert.Equal(before.Count, after.Count);
        Assert.All(after, r => Assert.Equal(before[(r.PartitionKey, r.RowKey)], r.ETag));
        var now = DateTimeOffset.FromUnixTimeSeconds(harness.Clock.GetUtcNow().ToUnixTimeSeconds());
        await AssertUsageMatchesTruthAsync(harness, UsageKind.Completions, BucketWidth.Day, BucketWidth.Day.AlignDown(IngestionHarness.Start.AddDays(-30)), now);
        await AssertCostsMatchTruthAsync(harness, BucketWidth.Day.AlignDown(IngestionHarness.Start.AddDays(-30)), now);
    }

    [Fact]
    public async Task A_run_that_dies_halfway_resumes_from_the_watermark_without_gaps_or_doubles()
    {
        // 90 days of daily buckets is three pages; the second page keeps failing until the faults are cleared.
        var simulator = new SimulatorOptions { Days = 100 };
        simulator.Faults.Add(new FaultRule { Route = "usage/completions", Kind = FaultKind.ServerError, OnCall = 2, Times = 50 });
        await using var harness = await IngestionHarness.StartAsync("resume", simulator, new()
        {
            ["Ingestion:Kinds:0"] = "completions",
            ["Ingestion:BackfillDays"] = "90",
            ["Ingestion:StreamConcurrency"] = "1",
            ["OpenAI:MaxRetries"] = "1",
        });

        await harness.RunWithClockAsync(JobNames.PollUsage);
        var states = harness.Services.GetRequiredService<StreamStateStore>();
        var afterCrash = await states.GetAsync("completions.1d", default);
        Assert.NotNull(afterCrash?.Watermark);
        Assert.True(afterCrash!.ConsecutiveFailures > 0);
        Assert.True(afterCrash.Watermark < IngestionHarness.Start.AddDays(-30), "only the first page was stored");

        harness.Simulator.Faults.Clear();
        await harness.RunAsync(JobNames.PollUsage);

        var now = DateTimeOffset.FromUnixTimeSeconds(harness.Clock.GetUtcNow().ToUnixTimeSeconds());
        await AssertUsageMatchesTruthAsync(harness, UsageKind.Completions, BucketWidth.Day, BucketWidth.Day.AlignDown(IngestionHarness.Start.AddDays(-90)), now);
        Assert.Equal(0, (await states.GetAsync("completions.1d", default))!.ConsecutiveFailures);
    }

    [Theory]
    [InlineData(FaultKind.RepeatedCursor, "repeats a cursor", 31)]
    [InlineData(FaultKind.HasMoreWithoutCursor, "next_page is missing", 31)]
    [InlineData(FaultKind.EmptyPageHasMore, "empty page", 0)]
    [InlineData(FaultKind.MalformedJson, "invalid JSON", -1)]
    [InlineData(FaultKind.MissingData, "no 'data' array", 0)]
    public async Task Paging_traps_and_broken_pages_stop_the_stream_with_an_error_keeping_only_whole_buckets_before_the_break(FaultKind fault, string message, int storedDays)
    {
        var simulator = new SimulatorOptions { Days = 100 };
        simulator.Faults.Add(new FaultRule { Route = "usage/completions", Kind = fault, OnCall = 1, Times = 1000 });
        await using var harness = await IngestionHarness.StartAsync("trap" + (int)fault, simulator, new()
        {
            ["Ingestion:Kinds:0"] = "completions",
            ["Ingestion:BackfillDays"] = "90",
        });

        await harness.RunAsync(JobNames.PollUsage);

        var state = await harness.Services.GetRequiredService<StreamStateStore>().GetAsync("completions.1d", default);
        Assert.Equal("Protocol", state!.LastErrorKind);
        Assert.Contains(message, state.LastError, StringComparison.Ordinal);
        Assert.Contains("organization/usage/completions", state.LastError, StringComparison.Ordinal);
        var health = await harness.Services.GetRequiredService<Health.HealthService>().CheckAsync(default);
        Assert.False(health.Streams.Single(s => s.Name == "completions.1d").Fresh);

        // Pages arrive bucket by bucket: whole buckets before the break are stored (rows and day packs exactly as
        // the truth) and the watermark moves past them; nothing after it is stored.
        var start = BucketWidth.Day.AlignDown(IngestionHarness.Start.AddDays(-90));
        var rows = await harness.RowsAsync(TableName.Usage, "completions.1d|");
        if (storedDays == 0)
        {
            Assert.Empty(rows);
            Assert.Null(state.Watermark);
            return;
        }

        var watermark = state.Watermark ?? throw new Xunit.Sdk.XunitException("whole buckets were read, the watermark must move");
        var days = (int)(watermark - start).TotalDays;
        Assert.True(storedDays < 0 ? days is > 0 and < 31 : days == storedDays, $"{days} days stored");
        Assert.All(rows, r => Assert.True(r.GetDateTimeOffset(UsageRows.BucketStart) < watermark));
        await AssertUsageMatchesTruthAsync(harness, UsageKind.Completions, BucketWidth.Day, start, watermark);
    }

    [Fact]
    public async Task A_rate_limit_with_retry_after_is_waited_out_and_the_data_stored()
    {
        var simulator = new SimulatorOptions();
        simulator.Faults.Add(new FaultRule { Route = "costs", Kind = FaultKind.RateLimited, OnCall = 1, Times = 1, RetryAfterSeconds = 2 });
        await using var harness = await IngestionHarness.StartAsync("ratelimited", simulator);

        await harness.RunWithClockAsync(JobNames.PollCosts);

        var state = await harness.Services.GetRequiredService<StreamStateStore>().GetAsync(StreamCatalog.CostsStreamName, default);
        Assert.Equal(0, state!.ConsecutiveFailures);
        // The 429, its retry (which the live API refuses for group_by=api_key_id), and the read without that grouping.
        Assert.Equal(3, harness.Simulator.Calls.Count("costs"));
        Assert.NotEmpty(await harness.RowsAsync(TableName.Costs, StreamCatalog.CostsStreamName + "|"));
    }

    [Theory]
    [InlineData(FaultKind.Unauthorized, "Authentication")]
    [InlineData(FaultKind.InsufficientQuota, "InsufficientQuota")]
    public async Task A_rejected_key_blinds_every_stream_without_retrying_or_moving_watermarks(FaultKind fault, string kind)
    {
        var simulator = new SimulatorOptions();
        simulator.Faults.Add(new FaultRule { Kind = fault, Times = 10_000, OnCall = 1 });
        await using var harness = await IngestionHarness.StartAsync("blind" + (int)fault, simulator);

        await harness.RunAsync(JobNames.PollUsage);

        var states = await harness.Services.GetRequiredService<StreamStateStore>().GetAllAsync(default);
        Assert.Equal(new StreamCatalog(Microsoft.Extensions.Options.Options.Create(new IngestionOptions())).Usage.Count, states.Count);
        Assert.All(states, s => Assert.Equal(kind, s.LastErrorKind));
        Assert.All(states, s => Assert.Null(s.Watermark));
        Assert.True(harness.Simulator.Calls.Total <= 4, $"blinding errors are not retried ({harness.Simulator.Calls.Total} calls)");
    }

    [Fact]
    public async Task Cleanup_deletes_minute_rows_past_their_retention_only()
    {
        await using var harness = await IngestionHarness.StartAsync("cleanup", settings: new() { ["Ingestion:MinuteRetentionHours"] = "1" });
        await harness.RunAsync(JobNames.PollRecentUsage);
        var (before, summariesBefore) = Split(await harness.RowsAsync(TableName.Usage, "completions.1m|"));

        await harness.RunAsync(JobNames.Cleanup);

        var (after, summariesAfter) = Split(await harness.RowsAsync(TableName.Usage, "completions.1m|"));
        var cutoff = harness.Clock.GetUtcNow().AddHours(-1);
        Assert.True(after.Count < before.Count);
        Assert.All(after, r => Assert.True(r.GetDateTimeOffset(UsageRows.BucketStart) >= BucketWidth.Minute.AlignDown(cutoff)));
        Assert.Equal(before.Count(r => r.GetDateTimeOffset(UsageRows.BucketStart) >= BucketWidth.Minute.AlignDown(cutoff)), after.Count);

        // A minute's summary (what headroom reads) goes with its rows.
        Assert.True(summariesAfter.Count < summariesBefore.Count);
        Assert.All(summariesAfter, s => Assert.True(s.GetDateTimeOffset(MinuteSummaries.Minute) >= BucketWidth.Minute.AlignDown(cutoff)));
        Assert.Equal(summariesBefore.Count(s => s.GetDateTimeOffset(MinuteSummaries.Minute) >= BucketWidth.Minute.AlignDown(cutoff)), summariesAfter.Count);
    }

    private static (List<Azure.Data.Tables.TableEntity> Rows, List<Azure.Data.Tables.TableEntity> Summaries) Split(List<Azure.Data.Tables.TableEntity> stored)
    {
        var summaries = stored.Where(e => e.RowKey.StartsWith(MinuteSummaries.RowsEnd, StringComparison.Ordinal)).ToList();
        return ([.. stored.Except(summaries)], summaries);
    }
}
