using Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Ingestion;
using UsageAlerts.Storage;
using UsageAlerts.Storage.Rollups;
using UsageAlerts.Summaries;
using static UsageAlerts.Tests.Summaries.Rows;

namespace UsageAlerts.Tests.Summaries;

/// <summary>Decoded packs in memory: what a repeated read still fetches and decodes, and that a rewritten day is read anew.</summary>
public sealed class PackCacheTests
{
    private const string Completions = "completions.1d";
    private static readonly SummaryRange Range = new(D("2026-11-01"), D("2026-11-05"));

    [Fact]
    public async Task A_repeated_read_lists_keys_only_and_decodes_nothing_until_a_day_is_rewritten()
    {
        // Listings are not remembered here (interval 0), so every read lists; what the cache saves is the decoding.
        await using var host = await SummariesHost.StartAsync(SummariesHost.UniquePrefix("cache"), new FakeTimeProvider(SeededOrganization.Now), new() { ["Storage:PackRevalidateSeconds"] = "0" });
        await host.WriteAsync(TableName.Rollups, Days().SelectMany(day => new[] { CostPack(day, 1m), UsagePack(day) }));
        var reader = host.Services.GetRequiredService<SummaryReader>();

        var (first, firstTotals) = await ReadAsync(reader, totalsOnly: false);
        var (second, secondTotals) = await ReadAsync(reader, totalsOnly: false);

        // 4 days x (costs + completions); the other usage streams have neither packs nor rows.
        Assert.Equal((8L, 8), (first.Rows, first.PacksDecoded));
        Assert.Equal((8L, 0), (second.Rows, second.PacksDecoded));
        Assert.Equal(firstTotals, secondTotals);
        Assert.Equal(4 * 3 * 1m, firstTotals.Cost);

        // Ingestion re-polls a day: its pack gets a new ETag, so that one is fetched and decoded again.
        await host.WriteAsync(TableName.Rollups, [CostPack(D("2026-11-03"), 101m)]);
        var (third, thirdTotals) = await ReadAsync(reader, totalsOnly: false);

        Assert.Equal((9L, 1), (third.Rows, third.PacksDecoded));
        Assert.Equal(firstTotals.Cost + (3 * 100m), thirdTotals.Cost);
        Assert.Equal(firstTotals.Tokens, thirdTotals.Tokens);
    }

    [Fact]
    public async Task Sealed_days_are_not_listed_again_within_the_revalidation_interval_and_a_rewrite_shows_after_it()
    {
        var clock = new FakeTimeProvider(SeededOrganization.Now);
        await using var host = await SummariesHost.StartAsync(SummariesHost.UniquePrefix("cache"), clock);
        await host.WriteAsync(TableName.Rollups, Days().SelectMany(day => new[] { CostPack(day, 1m), UsagePack(day) }));
        // Ingestion has stored through now: every day of the range lies before the re-poll window, so it is sealed.
        var states = host.Services.GetRequiredService<StreamStateStore>();
        foreach (var stream in new[] { StreamCatalog.CostsStreamName, Completions })
        {
            await states.CommitAllAsync([(stream, null, StreamStateStore.Advance(SeededOrganization.Now, SeededOrganization.Now))], CancellationToken.None);
        }

        var reader = host.Services.GetRequiredService<SummaryReader>();
        var (first, firstTotals) = await ReadAsync(reader, totalsOnly: false);
        var (second, secondTotals) = await ReadAsync(reader, totalsOnly: false);

        Assert.Equal((8L, 8), (first.Rows, first.PacksDecoded));
        Assert.Equal((0L, 0), (second.Rows, second.PacksDecoded));
        Assert.Equal(firstTotals, secondTotals);

        // An old day rewritten by another instance (say, ingestion state reset and backfilled again). Within the
        // interval the listing is trusted, which shows no query was sent; once it has passed, the rewritten day is
        // read and decoded.
        await host.WriteFromElsewhereAsync(TableName.Rollups, [CostPack(D("2026-11-03"), 101m)]);
        clock.Advance(TimeSpan.FromSeconds(59));
        var (third, thirdTotals) = await ReadAsync(reader, totalsOnly: false);
        clock.Advance(TimeSpan.FromSeconds(1));
        var (fourth, fourthTotals) = await ReadAsync(reader, totalsOnly: false);

        Assert.Equal((0L, 0, firstTotals.Cost), (third.Rows, third.PacksDecoded, thirdTotals.Cost));
        Assert.Equal((9L, 1), (fourth.Rows, fourth.PacksDecoded));
        Assert.Equal(firstTotals.Cost + (3 * 100m), fourthTotals.Cost);
        Assert.Equal(firstTotals.Tokens, fourthTotals.Tokens);
    }

    [Fact]
    public async Task Days_still_re_polled_are_remembered_until_this_process_writes_then_read_again_at_once()
    {
        // No stream state: every day may still be re-polled. The listing is remembered all the same, and a write
        // made through this process's tables (as ingestion and pricing write) drops it without waiting.
        var clock = new FakeTimeProvider(SeededOrganization.Now);
        await using var host = await SummariesHost.StartAsync(SummariesHost.UniquePrefix("cache"), clock);
        await host.WriteAsync(TableName.Rollups, Days().SelectMany(day => new[] { CostPack(day, 1m), UsagePack(day) }));
        var reader = host.Services.GetRequiredService<SummaryReader>();

        var (first, firstTotals) = await ReadAsync(reader, totalsOnly: false);
        var (second, secondTotals) = await ReadAsync(reader, totalsOnly: false);
        await host.WriteAsync(TableName.Rollups, [CostPack(D("2026-11-03"), 101m)]);
        var (third, thirdTotals) = await ReadAsync(reader, totalsOnly: false);

        Assert.Equal((8L, 8), (first.Rows, first.PacksDecoded));
        Assert.Equal((0L, 0), (second.Rows, second.PacksDecoded));
        Assert.Equal(firstTotals, secondTotals);
        Assert.Equal((9L, 1), (third.Rows, third.PacksDecoded));
        Assert.Equal(firstTotals.Cost + (3 * 100m), thirdTotals.Cost);
    }

    [Fact]
    public async Task The_first_stored_day_is_remembered_until_this_process_writes()
    {
        await using var host = await SummariesHost.StartAsync(SummariesHost.UniquePrefix("cache"), new FakeTimeProvider(SeededOrganization.Now));
        var start = host.Services.GetRequiredService<DataStart>();
        await host.WriteAsync(TableName.Rollups, [CostPack(D("2026-11-03"), 1m)]);

        var first = await start.FirstCostDayAsync(CancellationToken.None);
        await host.WriteFromElsewhereAsync(TableName.Rollups, [CostPack(D("2026-11-02"), 1m)]);
        var remembered = await start.FirstCostDayAsync(CancellationToken.None);
        await host.WriteAsync(TableName.Rollups, [CostPack(D("2026-11-01"), 1m)]);
        var reread = await start.FirstCostDayAsync(CancellationToken.None);

        Assert.Equal((D("2026-11-03"), D("2026-11-03"), D("2026-11-01")), (first, remembered, reread));
    }

    [Fact]
    public async Task Pricing_reads_a_bill_without_filling_the_cache_budgets_and_summaries_share()
    {
        await using var host = await SummariesHost.StartAsync(SummariesHost.UniquePrefix("cache"), new FakeTimeProvider(SeededOrganization.Now));
        await host.WriteAsync(TableName.Rollups, Days().Select(day => CostPack(day, 1m)));
        var (costs, cache) = (host.Services.GetRequiredService<CostReader>(), host.Services.GetRequiredService<PackCache>());
        var (from, to) = (Periods.Midnight(Range.From), Periods.Midnight(Range.To));

        var once = await costs.ReadOnceAsync(from, to, CancellationToken.None).CountAsync();
        var heldAfterOnce = cache.Records;
        var kept = await costs.ReadAsync(from, to, CancellationToken.None).CountAsync();

        // 4 days x 3 groups each way; only the budget-style read leaves them in memory (3 records + 1 per pack).
        Assert.Equal((12, 0L, 12, 16L), (once, heldAfterOnce, kept, cache.Records));
    }

    [Fact]
    public async Task Days_whose_bill_may_still_change_count_the_entities_read_not_the_records()
    {
        // Costs turn final 48 h after a day ends: from 11-02 on, costs are read the way budgets read them (the bill,
        // or the estimate while it lags), through another reader that reports its entities through the tally.
        await using var host = await SummariesHost.StartAsync(SummariesHost.UniquePrefix("cache"), new FakeTimeProvider(new DateTimeOffset(2026, 11, 5, 12, 0, 0, TimeSpan.Zero)));
        await host.WriteAsync(TableName.Rollups, Days().SelectMany(day => new[] { CostPack(day, 1m), UsagePack(day) }));
        var reader = host.Services.GetRequiredService<SummaryReader>();

        var (read, totals) = await ReadAsync(reader, totalsOnly: false);

        // 4 usage packs, the final day's cost pack, and the 3 open days' cost packs (no estimates stored): 8 entities
        // for 12 cost records and 12 usage records.
        Assert.Equal(8L, read.Rows);
        Assert.Equal(4 * 3 * 1m, totals.Cost);
    }

    [Fact]
    public async Task Per_day_totals_give_the_same_figures_as_every_group()
    {
        await using var host = await SummariesHost.StartAsync(SummariesHost.UniquePrefix("cache"), new FakeTimeProvider(SeededOrganization.Now));
        await host.WriteAsync(TableName.Rollups, Days().SelectMany(day => new[] { CostPack(day, 2.5m), UsagePack(day) }));
        var reader = host.Services.GetRequiredService<SummaryReader>();

        var (totalsRead, totals) = await ReadAsync(reader, totalsOnly: true);
        var (wholeRead, whole) = await ReadAsync(reader, totalsOnly: false);
        var (again, totalsAgain) = await ReadAsync(reader, totalsOnly: true);

        Assert.Equal(whole, totals);
        Assert.Equal(totals, totalsAgain);
        Assert.Equal((8, 8, 0), (totalsRead.PacksDecoded, wholeRead.PacksDecoded, again.PacksDecoded));
    }

    [Fact]
    public void The_cache_keeps_at_most_its_records_and_drops_the_least_recently_used()
    {
        var cache = new PackCache(Options.Create(new StorageOptions { PackCacheRecords = 10 }));
        var pack = new DecodedPack([], [new CostRecord(D("2026-11-01"), null, "x", null, 1m), new CostRecord(D("2026-11-01"), null, "y", null, 1m)]);
        var etag = new ETag("W/\"1\"");

        cache.Put("p", "a", PackView.Whole, etag, pack);
        cache.Put("p", "b", PackView.Whole, etag, pack);
        cache.Put("p", "c", PackView.Whole, etag, pack);
        Assert.NotNull(cache.Get("p", "a", PackView.Whole, etag));
        cache.Put("q", "d", PackView.Whole, etag, pack);

        // Each entry weighs its 2 records + 1: three fit in 10, so the least recently used (b) went.
        Assert.Equal(9, cache.Records);
        Assert.Null(cache.Get("p", "b", PackView.Whole, etag));
        Assert.NotNull(cache.Get("p", "a", PackView.Whole, etag));
        Assert.Null(cache.Get("p", "a", PackView.Whole, new ETag("W/\"2\"")));
        Assert.Null(cache.Get("p", "a", PackView.Totals, etag));
        Assert.True(cache.Holds("q", PackView.Whole));
        Assert.False(cache.Holds("q", PackView.Totals));
    }

    [Fact]
    public void A_cache_of_zero_records_keeps_nothing()
    {
        var cache = new PackCache(Options.Create(new StorageOptions { PackCacheRecords = 0 }));
        cache.Put("p", "a", PackView.Whole, new ETag("1"), new DecodedPack([], []));

        Assert.False(cache.Enabled);
        Assert.False(cache.Holds("p", PackView.Whole));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(StorageOptions.MaxPackCacheRecords + 1)]
    public void The_cache_size_is_validated_naming_the_setting(long records)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", PackCacheRecords = records });

        Assert.True(result.Failed);
        Assert.Contains("Storage:PackCacheRecords", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(StorageOptions.MaxPackRevalidateSeconds + 1)]
    public void The_revalidation_interval_is_validated_naming_the_setting(int seconds)
    {
        var result = new StorageOptionsValidator().Validate(null, new StorageOptions { ConnectionString = "UseDevelopmentStorage=true", PackRevalidateSeconds = seconds });

        Assert.True(result.Failed);
        Assert.Contains("Storage:PackRevalidateSeconds", result.FailureMessage, StringComparison.Ordinal);
    }

    private static async Task<(ReadResult Read, Figures Totals)> ReadAsync(SummaryReader reader, bool totalsOnly)
    {
        var aggregator = new SummaryAggregator([Dimension.Day], SummaryFilter.None, D("2026-11-23"), 1000);
        var read = await reader.ReadAsync(new ReadPlan(Range, Range, SummaryFilter.None) { View = totalsOnly ? PackView.Totals : PackView.Whole }, aggregator, CancellationToken.None);
        var byDay = string.Join(";", aggregator.Groups().Select(g => $"{g.Key.First}:{g.Value.CostUsd}:{g.Value.Headline(HeadlineMetric.InputTokens)}:{g.Value.CostStatus}"));
        return (read, new Figures(aggregator.Total.CostUsd, aggregator.Total.Headline(HeadlineMetric.InputTokens), byDay));
    }

    /// <summary>Three cost groups of <paramref name="amount"/> each.</summary>
    private static Azure.Data.Tables.TableEntity CostPack(DateOnly day, decimal amount)
    {
        var builder = new PackBuilder(usage: false);
        foreach (var project in new[] { "proj_a", "proj_b", "proj_c" })
        {
            builder.Add(new CostRecord(day, project, "gpt-4o, input", null, amount));
        }

        return RollupRows.Entity(StreamCatalog.CostsStreamName, day, RollupRows.DayRow(day), builder.Encode(), builder.Groups);
    }

    private static Azure.Data.Tables.TableEntity UsagePack(DateOnly day)
    {
        var builder = new PackBuilder(usage: true);
        foreach (var (project, model) in new[] { ("proj_a", "gpt-4o"), ("proj_a", "o3"), ("proj_b", "gpt-4o") })
        {
            builder.Add(new UsageRecord(Periods.Midnight(day), "completions", project, model, "key_1", [new("input_tokens", 1000 + day.Day), new("num_model_requests", 3)]));
        }

        return RollupRows.Entity(Completions, day, RollupRows.DayRow(day), builder.Encode(), builder.Groups);
    }

    private static IEnumerable<DateOnly> Days() => Enumerable.Range(0, Range.Days).Select(Range.From.AddDays);

    private sealed record Figures(decimal Cost, long Tokens, string ByDay);
}
