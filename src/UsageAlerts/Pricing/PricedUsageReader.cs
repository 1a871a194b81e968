using System.Globalization;
using Azure.Data.Tables;
using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;

namespace UsageAlerts.Pricing;

/// <summary>
/// Reads one day of every daily usage stream from its rows, which keep batch and service tier apart (the day packs
/// sum them per key), one partition query per stream; and the one-minute usage of the same day stored since its
/// daily stream was last read, which the daily rows do not hold yet.
/// </summary>
internal sealed class PricedUsageReader(StreamCatalog catalog, TableStore tables, StreamStateStore states)
{
    public async Task<IReadOnlyList<PricedUsage>> ReadDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Usage, cancellationToken);
        var rows = new List<PricedUsage>();
        foreach (var stream in catalog.Usage.Where(s => s.Width == BucketWidth.Day))
        {
            var partition = UsageRows.Partition(stream.KeyPrefix, Periods.Midnight(day));
            await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, cancellationToken: cancellationToken))
            {
                rows.Add(Priced(stream, row));
            }
        }

        return rows;
    }

    /// <summary>When the daily stream of each one-minute stream was last read successfully.</summary>
    public async Task<DailyReads> DailyReadsAsync(CancellationToken cancellationToken)
    {
        var reads = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var stream in catalog.RecentUsage)
        {
            reads[stream.KeyPrefix] = (await states.GetAsync(StreamCatalog.UsageStreamName(stream.Kind!, BucketWidth.Day), cancellationToken))?.LastSuccessAt;
        }

        return new DailyReads(reads);
    }

    /// <summary>
    /// The day's one-minute usage from the minute its daily stream was last read on: a usage jump is priced within one
    /// recent-usage poll instead of waiting for the next daily poll. The minute being read may count twice, never
    /// a minute not at all; a day whose daily stream was read after it ended has none.
    /// </summary>
    /// <param name="dailyReads">From <see cref="DailyReadsAsync"/>, read once for a run over many days.</param>
    public async Task<IReadOnlyList<PricedUsage>> ReadRecentAsync(DateOnly day, DailyReads dailyReads, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Usage, cancellationToken);
        var midnight = Periods.Midnight(day);
        var rows = new List<PricedUsage>();
        foreach (var stream in catalog.RecentUsage)
        {
            var since = dailyReads.Of(stream) is { } read && read > midnight ? BucketWidth.Minute.AlignDown(read) : midnight;
            if (since >= midnight.AddDays(1))
            {
                continue;
            }

            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {UsageRows.Partition(stream.KeyPrefix, midnight)} and RowKey ge {UsageRows.BucketPrefix(since)} and RowKey lt {MinuteSummaries.RowsEnd}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                rows.Add(Priced(stream, row));
            }
        }

        return rows;
    }

    private static PricedUsage Priced(StreamDefinition stream, TableEntity row)
    {
        var metrics = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (column, value) in row)
        {
            if (value is long or int)
            {
                metrics[column] = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }
        }

        return new PricedUsage(
            stream.Kind!.Name,
            row.GetString(UsageRows.ProjectId),
            row.GetString(UsageRows.Model),
            row.GetString(UsageRows.ApiKeyId),
            row.GetString(UsageRows.Batch),
            row.GetString(UsageRows.ServiceTier),
            row.GetString(UsageRows.Size),
            row.GetString(UsageRows.ContextLevel),
            metrics);
    }
}
