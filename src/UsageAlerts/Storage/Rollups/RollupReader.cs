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
internal sealed class RollupReader(TableStore tables, DailyRows dailyRows, ILogger<RollupReader> logger)
{
    /// <summary>Reads <paramref name="days"/>, which lie in one month; returns the entities and rows read.</summary>
    public async Task<long> ReadDaysAsync(StreamRead read, SummaryRange days, ISummarySink sink, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Rollups, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {RollupRows.Partition(read.Stream, days.From)} and RowKey ge {RollupRows.DayRow(days.From)} and RowKey lt {RollupRows.DayRow(days.To)}");
        var packed = new HashSet<DateOnly>();
        long rows = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows++;
            if (RollupRows.Pack(entity) is { } pack)
            {
                var day = RollupRows.DayOf(entity.RowKey);
                Hand(read, PackDecoder.Decode(pack, day, read.Kind), sink);
                packed.Add(day);
            }
        }

        foreach (var run in MissingRuns(days, packed))
        {
            rows += read.FallbackStream is { } fallback
                ? await ReadDaysAsync(read with { Stream = fallback, FallbackStream = null }, run, sink, cancellationToken)
                : await dailyRows.ReadAsync(read, run, sink, cancellationToken);
        }

        return rows;
    }

    /// <summary>Reads a sealed month as one pack, building it first if needed.</summary>
    public async Task<long> ReadMonthAsync(StreamRead read, DateOnly month, ISummarySink sink, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Rollups, cancellationToken);
        var partition = RollupRows.Partition(read.Stream, month);
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(partition, RollupRows.MonthRow, cancellationToken: cancellationToken);
        if (stored.HasValue)
        {
            if (RollupRows.Pack(stored.Value!) is not { } pack)
            {
                return 1 + await ReadDaysAsync(read, Month(month), sink, cancellationToken);
            }

            Hand(read, PackDecoder.Decode(pack, month, read.Kind), sink);
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
    /// Packs hold every group; dropping what the filter excludes here, while pieces decode in parallel, keeps it out
    /// of the sink's lock.
    /// </summary>
    private static void Hand(StreamRead read, (List<UsageRecord> Usage, List<CostRecord> Costs) records, ISummarySink sink)
    {
        records.Usage.RemoveAll(r => !read.Filter.Matches(r));
        records.Costs.RemoveAll(r => !read.Filter.Matches(r));
        SinkLock.Add(sink, records.Usage, records.Costs);
    }

    private static SummaryRange Month(DateOnly month) => new(month, month.AddMonths(1));

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
