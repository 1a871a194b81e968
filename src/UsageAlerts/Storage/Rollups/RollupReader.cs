using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using UsageAlerts.Storage;

namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// Reads a stream's days from their day packs and a sealed month from its month pack, so the rows read depend on
/// the range, not on the organization's size. Days without a usable pack are read from the daily rows; a sealed
/// month without a pack is built from its days on first use (a build cut short is simply redone: the upsert writes
/// the same sums).
/// </summary>
internal sealed class RollupReader(TableStore tables, DailyRows dailyRows, PackCache cache, ListingMemo memo, ILogger<RollupReader> logger)
{
    /// <summary>Asked for when the cache holds part of a partition: keys and ETags, no pack data.</summary>
    private const int PointReads = 2;

    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey", RollupRows.Oversized];

    /// <summary>
    /// Reads <paramref name="days"/> (any run of days: one query, partition after partition); returns the entities and
    /// rows read. When the cache holds part of the run, the days are first listed without their data: packs whose
    /// ETag is unchanged come from memory, the others are fetched (usually today's, rewritten by every poll).
    /// </summary>
    public async Task<long> ReadDaysAsync(StreamRead read, SummaryRange days, ISummarySink sink, CancellationToken cancellationToken)
    {
        // Listed a moment ago, nothing written here since: nothing to ask storage (0 entities read).
        if (Remembered(read, days, month: false) is { } packs)
        {
            Hand(read, packs, sink);
            return 0;
        }

        // The sealed days are known; only the days ingestion still re-polls are listed.
        if (read.SealedBefore is { } sealedBefore && days.From < sealedBefore && sealedBefore < days.To
            && Remembered(read, new SummaryRange(days.From, sealedBefore), month: false) is { } old)
        {
            Hand(read, old, sink);
            return await ListDaysAsync(read, new SummaryRange(sealedBefore, days.To), sink, cancellationToken);
        }

        return await ListDaysAsync(read, days, sink, cancellationToken);
    }

    private async Task<long> ListDaysAsync(StreamRead read, SummaryRange days, ISummarySink sink, CancellationToken cancellationToken)
    {
        var stamp = memo.Stamp();
        var listed = new List<PackRef>();
        DateOnly? firstFromRows = null;
        var table = await tables.GetAsync(TableName.Rollups, cancellationToken);
        var (firstPartition, lastPartition) = (RollupRows.Partition(read.Stream, days.From), RollupRows.Partition(read.Stream, days.To.AddDays(-1)));
        // Day rows sort by date across months and before the month row, so one row range selects the days of every partition.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {firstPartition} and PartitionKey le {lastPartition} and RowKey ge {RollupRows.DayRow(days.From)} and RowKey lt {RollupRows.DayRow(days.To)}");
        var validate = Worth(read, days);
        var packed = new HashSet<DateOnly>();
        var stale = new List<(string Partition, string Row)>();
        long rows = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: validate ? KeysOnly : null, cancellationToken: cancellationToken))
        {
            rows++;
            var day = RollupRows.DayOf(entity.RowKey);
            if (entity.GetBoolean(RollupRows.Oversized) == true)
            {
                firstFromRows ??= day;
                continue;
            }

            packed.Add(day);
            listed.Add(new PackRef(entity.PartitionKey, entity.RowKey, entity.ETag));
            if (!validate)
            {
                Hand(read, Cached(read, entity.PartitionKey, entity.RowKey, entity.ETag) ?? Decoded(read, entity, day), sink);
            }
            else if (Cached(read, entity.PartitionKey, entity.RowKey, entity.ETag) is { } pack)
            {
                Hand(read, pack, sink);
            }
            else
            {
                stale.Add((entity.PartitionKey, entity.RowKey));
            }
        }

        // A day or two (today's, re-polled) are fetched on their own; more are fetched with the run they lie in.
        if (stale.Count <= PointReads)
        {
            foreach (var (partition, row) in stale)
            {
                var entity = (await table.GetEntityAsync<TableEntity>(partition, row, cancellationToken: cancellationToken)).Value;
                rows++;
                Hand(read, Decoded(read, entity, RollupRows.DayOf(row)), sink);
            }
        }
        else
        {
            var wanted = stale.ToHashSet();
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                rows++;
                if (wanted.Contains((entity.PartitionKey, entity.RowKey)))
                {
                    Hand(read, Decoded(read, entity, RollupRows.DayOf(entity.RowKey)), sink);
                }
            }
        }

        foreach (var run in MissingRuns(days, packed))
        {
            var fromRows = read.FallbackStream is { } fallback
                ? await ReadDaysAsync(read with { Stream = fallback, FallbackStream = null, SealedBefore = null }, run, sink, cancellationToken)
                : await dailyRows.ReadAsync(read, run, sink, cancellationToken);
            if (fromRows > 0 && (firstFromRows is null || run.From < firstFromRows))
            {
                firstFromRows = run.From;
            }

            rows += fromRows;
        }

        Remember(read, days, listed, firstFromRows, stamp);
        return rows;
    }

    /// <summary>
    /// Remembers what can be served without asking again: the whole run when every day came from a pack or held
    /// nothing, else its sealed days when those did (days read from rows or a fallback stream are not cached, so they
    /// are listed again).
    /// </summary>
    private void Remember(StreamRead read, SummaryRange days, List<PackRef> listed, DateOnly? firstFromRows, ListingStamp stamp)
    {
        if (!read.ReusesListings)
        {
            return;
        }

        if (firstFromRows is null)
        {
            memo.Remember(read.Stream, days, month: false, listed, stamp);
        }
        else if (read.SealedBefore is { } sealedBefore && days.From < sealedBefore && firstFromRows >= sealedBefore)
        {
            var sealedDays = new SummaryRange(days.From, days.To < sealedBefore ? days.To : sealedBefore);
            var lastRow = RollupRows.DayRow(sealedDays.To);
            memo.Remember(read.Stream, sealedDays, month: false, listed.Where(p => string.CompareOrdinal(p.Row, lastRow) < 0).ToList(), stamp);
        }
    }

    private void RememberMonth(StreamRead read, DateOnly month, PackRef pack, ListingStamp stamp)
    {
        if (read.ReusesListings)
        {
            memo.Remember(read.Stream, Month(month), month: true, [pack], stamp);
        }
    }

    /// <summary>The cached packs of a run listed less than the revalidation interval ago; null if any has left the cache.</summary>
    private List<DecodedPack>? Remembered(StreamRead read, SummaryRange days, bool month)
    {
        if (!read.ReusesListings || !memo.Enabled || memo.Get(read.Stream, days, month) is not { } refs)
        {
            return null;
        }

        var packs = new List<DecodedPack>(refs.Count);
        foreach (var pack in refs)
        {
            if (Cached(read, pack.Partition, pack.Row, pack.ETag) is not { } decoded)
            {
                return null;
            }

            packs.Add(decoded);
        }

        return packs;
    }

    /// <summary>Reads a sealed month as one pack, building it first if needed.</summary>
    public async Task<long> ReadMonthAsync(StreamRead read, DateOnly month, ISummarySink sink, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Rollups, cancellationToken);
        var partition = RollupRows.Partition(read.Stream, month);
        if (Remembered(read, Month(month), month: true) is { } remembered)
        {
            Hand(read, remembered, sink);
            return 0;
        }

        var stamp = memo.Stamp();
        if (cache.Enabled && (cache.Holds(partition, read.View) || (!read.View.IsWhole && cache.Holds(partition, PackView.Whole))))
        {
            var keys = await table.GetEntityIfExistsAsync<TableEntity>(partition, RollupRows.MonthRow, KeysOnly, cancellationToken);
            if (keys.HasValue && Cached(read, partition, RollupRows.MonthRow, keys.Value!.ETag) is { } pack)
            {
                Hand(read, pack, sink);
                RememberMonth(read, month, new PackRef(partition, RollupRows.MonthRow, keys.Value.ETag), stamp);
                return 1;
            }
        }

        var stored = await table.GetEntityIfExistsAsync<TableEntity>(partition, RollupRows.MonthRow, cancellationToken: cancellationToken);
        if (stored.HasValue)
        {
            if (stored.Value!.GetBoolean(RollupRows.Oversized) == true)
            {
                return 1 + await ReadDaysAsync(read, Month(month), sink, cancellationToken);
            }

            Hand(read, Decoded(read, stored.Value, month), sink);
            RememberMonth(read, month, new PackRef(partition, RollupRows.MonthRow, stored.Value.ETag), stamp);
            return 1;
        }

        var builder = new PackBuilder(usage: read.Kind is not null);
        var rows = await ReadDaysAsync(read.Unfiltered, Month(month), builder, cancellationToken);
        await table.UpsertEntityAsync(RollupRows.Entity(read.Stream, month, RollupRows.MonthRow, builder.Encode(), builder.Groups), TableUpdateMode.Replace, cancellationToken);
        StorageLog.RollupBuilt(logger, partition, rows, builder.Groups);
        lock (sink)
        {
            builder.EmitTo(sink, month, read.Kind);
        }

        return rows;
    }

    /// <summary>
    /// Listing keys first pays when the cache holds most of the run's days in a view this read can use; otherwise
    /// (first read, or a range larger than the cache) the packs are read with their data at once, and those still
    /// cached are not decoded again. Counting half the days keeps a range the cache cannot hold from costing two
    /// queries per run.
    /// </summary>
    private bool Worth(StreamRead read, SummaryRange days)
    {
        if (!cache.Enabled)
        {
            return false;
        }

        var held = Months(days).Sum(month =>
        {
            var partition = RollupRows.Partition(read.Stream, month);
            return Math.Max(cache.Entries(partition, read.View), read.View.IsWhole ? 0 : cache.Entries(partition, PackView.Whole));
        });
        return held * 2 >= days.Days;
    }

    /// <summary>The view of a cached pack the read asks for; other views are derived from a cached whole pack.</summary>
    private DecodedPack? Cached(StreamRead read, string partition, string row, ETag etag)
    {
        if (cache.Get(partition, row, read.View, etag) is { } pack)
        {
            return pack;
        }

        if (!read.View.IsWhole && cache.Get(partition, row, PackView.Whole, etag) is { } whole)
        {
            var shaped = read.View.Shape(whole);
            if (read.FillsCache)
            {
                cache.Put(partition, row, read.View, etag, shaped);
            }

            return shaped;
        }

        return null;
    }

    /// <summary>
    /// Decodes a pack and keeps the view the read asks for. Only that view is kept: a year of per-day totals is a
    /// few thousand records, a year of whole packs could push everything else out.
    /// </summary>
    private DecodedPack Decoded(StreamRead read, TableEntity entity, DateOnly day)
    {
        var (usage, costs) = PackDecoder.Decode(RollupRows.Pack(entity)!, day, read.Kind);
        read.Tally?.Decoded();
        var pack = read.View.Shape(new DecodedPack(usage, costs));
        if (cache.Enabled && read.FillsCache)
        {
            cache.Put(entity.PartitionKey, entity.RowKey, read.View, entity.ETag, pack);
        }

        return pack;
    }

    /// <summary>
    /// Packs hold every group; what the filter excludes is dropped here, while pieces are read in parallel, to keep it
    /// out of the sink's lock. The pack itself may be shared through the cache, so it is copied, never changed.
    /// </summary>
    private static void Hand(StreamRead read, DecodedPack pack, ISummarySink sink)
    {
        var usage = pack.Usage.Where(read.Filter.Matches).ToList();
        var costs = pack.Costs.Where(read.Filter.Matches).ToList();
        SinkLock.Add(sink, usage, costs);
    }

    private static void Hand(StreamRead read, List<DecodedPack> packs, ISummarySink sink)
    {
        foreach (var pack in packs)
        {
            Hand(read, pack, sink);
        }
    }

    private static SummaryRange Month(DateOnly month) => new(month, month.AddMonths(1));

    private static IEnumerable<DateOnly> Months(SummaryRange days)
    {
        for (var month = new DateOnly(days.From.Year, days.From.Month, 1); month < days.To; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    private static IEnumerable<SummaryRange> MissingRuns(SummaryRange days, HashSet<DateOnly> packed)
    {
        DateOnly? start = null;
        for (var day = days.From; day <= days.To; day = day.AddDays(1))
        {
            var missing = day < days.To && !packed.Contains(day);
            if (missing && start is null)
            {
                start = day;
            }
            else if (!missing && start is { } from)
            {
                yield return new SummaryRange(from, day);
                start = null;
            }
        }
    }
}
