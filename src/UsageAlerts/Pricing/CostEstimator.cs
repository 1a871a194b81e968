using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Storage.Rollups;

namespace UsageAlerts.Pricing;

/// <summary>
/// Prices the pending days: learns each closed day's unit rates from its bill, then writes the day's per-key costs
/// (stream <see cref="PerKeyStream"/>, a cost pack like any other) — billed per key where OpenAI grouped costs by
/// key that day, otherwise usage × rates marked estimated — with the drift against the bill, the usage no rate
/// covers (a line item no rate was learned for is priced from the prices file when it has one), and the charges no
/// usage explains. It also writes the day's estimate per project and line item
/// (<see cref="EstimatedStream"/>), the daily rows plus the one-minute usage stored since they were read, which
/// spend falls back on while OpenAI's bill lags.
/// </summary>
internal sealed class CostEstimator(
    PricingBacklog backlog,
    PricedUsageReader usageReader,
    CostReader costReader,
    PricingStore store,
    PriceList prices,
    TableStore tables,
    IOptions<PricingOptions> options,
    TimeProvider timeProvider,
    ILogger<CostEstimator> logger)
{
    public const string PerKeyStream = "costs.keys.1d";

    /// <summary>The day's cost per project and line item estimated from usage, what spend falls back on while the bill lags.</summary>
    public const string EstimatedStream = "costs.estimated.1d";

    /// <summary>
    /// Prices every pending day, oldest first (a day's rates serve the days after it), and today as well when
    /// <paramref name="includeToday"/> (after a recent-usage poll, which marks no day), then writes what it found in
    /// batches, each sent as soon as it is full, and clears the marks it read; returns the days priced.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken, bool includeToday = false)
    {
        var pending = await backlog.PendingAsync(cancellationToken);
        var days = pending.Select(p => p.Day).ToHashSet();
        if (includeToday)
        {
            days.Add(Periods.Day(timeProvider.GetUtcNow()));
        }

        if (days.Count == 0)
        {
            return 0;
        }

        var ordered = days.Order().ToList();
        var rates = await store.RatesAsync(ordered[0].AddDays(-options.Value.MaxRateAgeDays), ordered[^1], cancellationToken);

        // A day's packs of a large organization are up to a MiB each: a backfill's months of them, held until the
        // end, were most of its memory. Each batch goes out once it is full instead, in the same transactions.
        var packs = new GatheredUpserts(await tables.GetAsync(TableName.Rollups, cancellationToken));
        var records = await store.WriterAsync(cancellationToken);
        var dailyReads = await usageReader.DailyReadsAsync(cancellationToken);
        foreach (var day in ordered)
        {
            var priced = await PriceDayAsync(day, rates, dailyReads, cancellationToken);
            foreach (var pack in priced.Packs)
            {
                await packs.AddAsync(pack, cancellationToken);
            }

            foreach (var record in priced.Records)
            {
                await records.AddAsync(record, cancellationToken);
            }

            PricingLog.DayPriced(logger, day, priced.Estimate.RatesDay, priced.Estimate.Unpriced.Count, priced.Estimate.FilePriced?.Count ?? 0, priced.Estimate.BilledPerKey);
        }

        await packs.FlushAsync(cancellationToken);
        await records.FlushAsync(cancellationToken);
        if (pending.Count > 0)
        {
            await backlog.ClearAsync(pending, cancellationToken);
        }

        return ordered.Count;
    }

    /// <summary>One day's pricing: its estimate, and the entities to write (packs for the rollups, rates and estimate for the pricing table).</summary>
    private sealed record DayPricing(DayEstimate Estimate, IReadOnlyList<TableEntity> Packs, IReadOnlyList<TableEntity> Records);

    private async Task<DayPricing> PriceDayAsync(DateOnly day, SortedDictionary<DateOnly, IReadOnlyList<UnitRate>> knownRates, DailyReads dailyReads, CancellationToken cancellationToken)
    {
        var usage = await usageReader.ReadDayAsync(day, cancellationToken);
        var recent = await usageReader.ReadRecentAsync(day, dailyReads, cancellationToken);
        var billed = new List<CostRecord>();
        await foreach (var cost in costReader.ReadOnceAsync(Periods.Midnight(day), Periods.Midnight(day.AddDays(1)), cancellationToken))
        {
            billed.Add(cost);
        }

        var quantities = usage.SelectMany(row => BillableUsage.Quantities(row).Select(q => (Row: row, q.LineItem, q.Quantity))).ToList();
        var billedByItem = billed.GroupBy(c => (c.ProjectId, LineItem: c.LineItem ?? ""))
            .ToDictionary(g => ((string? Project, string LineItem))g.Key, g => g.Sum(c => c.AmountUsd));

        var records = new List<TableEntity>();
        // Rates come only from a final bill: a day still catching up would teach rates that are too low.
        if (Periods.Midnight(day.AddDays(1)) + options.Value.CostsFinalAfter <= timeProvider.GetUtcNow() && billedByItem.Count > 0)
        {
            var usageByItem = quantities.GroupBy(q => (q.Row.ProjectId, q.LineItem, q.Row.Tier))
                .ToDictionary(g => ((string? Project, string LineItem, string Tier))g.Key, g => g.Sum(q => q.Quantity));
            var learned = RateLearner.Learn(billedByItem, usageByItem);
            if (learned.Count > 0)
            {
                knownRates[day] = learned;
                records.Add(PricingStore.RatesEntity(day, learned));
            }
        }

        var oldest = day.AddDays(-options.Value.MaxRateAgeDays);
        var usable = knownRates.Where(r => r.Key <= day && r.Key >= oldest).ToList();
        var rates = usable.LastOrDefault();
        // Each line item at its newest rates within the age limit: a day's bill only teaches the items used that
        // day, and an item used on and off (a rarely called model) would otherwise go unpriced every other day.
        var newest = new Dictionary<string, List<UnitRate>>(StringComparer.Ordinal);
        foreach (var (_, dayRates) in Enumerable.Reverse(usable))
        {
            foreach (var item in dayRates.GroupBy(r => r.LineItem, StringComparer.Ordinal))
            {
                newest.TryAdd(item.Key, [.. item]);
            }
        }

        var learnedRates = newest.Values.SelectMany(r => r).ToLookup(r => r.LineItem, StringComparer.Ordinal);

        var estimated = new List<CostRecord>();
        var recentEstimated = new List<CostRecord>();
        var unpriced = new Dictionary<(string?, string), long>();
        var filePriced = new SortedSet<string>(StringComparer.Ordinal);
        var recentQuantities = recent.SelectMany(row => BillableUsage.Quantities(row).Select(q => (Row: row, q.LineItem, q.Quantity, Recent: true)));
        foreach (var (row, lineItem, quantity, fromMinutes) in quantities.Select(q => (q.Row, q.LineItem, q.Quantity, Recent: false)).Concat(recentQuantities))
        {
            if (RateChoice.For(learnedRates, prices, lineItem, row.Tier, out var fromFile) is not { } rate)
            {
                unpriced[(row.ProjectId, lineItem)] = unpriced.GetValueOrDefault((row.ProjectId, lineItem)) + quantity;
                continue;
            }

            if (fromFile)
            {
                filePriced.Add(lineItem);
            }

            // Minute rows carry no API key: they count in the day's estimate, not in its per-key costs.
            (fromMinutes ? recentEstimated : estimated).Add(new CostRecord(day, row.ProjectId, lineItem, row.ApiKeyId, quantity * rate.UsdPerUnit, Estimated: true));
        }

        var dayEstimated = estimated.Concat(recentEstimated).ToList();

        var billedPerKey = billed.Any(c => c.ApiKeyId is not null);
        var perKey = billedPerKey
            ? billed.Select(c => new CostRecord(day, c.ProjectId, c.LineItem, c.ApiKeyId, c.AmountUsd))
            : estimated;
        var usedItems = quantities.Select(q => q.LineItem).ToHashSet(StringComparer.Ordinal);
        var estimate = new DayEstimate(
            day,
            rates.Value is null ? null : rates.Key,
            billedPerKey,
            billed.Count == 0 ? [] : Drift(billed, dayEstimated),
            [.. unpriced.Select(u => new UnpricedUsage(u.Key.Item1, u.Key.Item2, u.Value))],
            [.. billedByItem.Where(b => !usedItems.Contains(b.Key.LineItem)).Select(b => new UnmatchedCharge(b.Key.Project, b.Key.LineItem, b.Value))],
            [.. filePriced]);
        records.Add(PricingStore.EstimateEntity(estimate));
        return new DayPricing(estimate, [Pack(PerKeyStream, day, perKey), Pack(EstimatedStream, day, dayEstimated.Select(e => e with { ApiKeyId = null }))], records);
    }

    private static List<ProjectDrift> Drift(List<CostRecord> billed, List<CostRecord> estimated)
    {
        var estimatedByProject = estimated.GroupBy(e => e.ProjectId).ToDictionary(g => g.Key ?? "", g => g.Sum(e => e.AmountUsd));
        return [.. billed.GroupBy(b => b.ProjectId).Select(g => new ProjectDrift(g.Key, g.Sum(b => b.AmountUsd), estimatedByProject.GetValueOrDefault(g.Key ?? "")))];
    }

    private static TableEntity Pack(string stream, DateOnly day, IEnumerable<CostRecord> records)
    {
        var builder = new PackBuilder(usage: false);
        foreach (var record in records)
        {
            builder.Add(record);
        }

        return RollupRows.Entity(stream, day, RollupRows.DayRow(day), builder.Encode(), builder.Groups);
    }
}
