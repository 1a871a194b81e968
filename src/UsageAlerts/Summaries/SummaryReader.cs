using Azure.Data.Tables;
using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// Streams the daily usage and cost rows of a <see cref="ReadPlan"/> into a sink: one partition-range query per
/// stream, a few streams at a time, page by page. Returns the number of rows read.
/// </summary>
internal sealed class SummaryReader(TableStore tables, StreamCatalog catalog)
{
    private const int ConcurrentQueries = 4;
    private static readonly string[] CostColumns = [CostRows.BucketStart, CostRows.ProjectId, CostRows.LineItem, CostRows.ApiKeyId, CostRows.AmountUsd];

    public async Task<long> ReadAsync(ReadPlan plan, ISummarySink sink, CancellationToken cancellationToken)
    {
        var reads = new List<Func<CancellationToken, Task<long>>>();
        if (plan.Costs is { } costs)
        {
            reads.Add(token => ReadCostsAsync(costs, plan.Filter, sink, token));
        }

        if (plan.Usage is { } usage)
        {
            reads.AddRange(UsageStreams(plan).Select(stream => (Func<CancellationToken, Task<long>>)(token => ReadUsageAsync(stream, usage, plan, sink, token))));
        }

        long rows = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentQueries, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(reads, parallel, async (read, token) => Interlocked.Add(ref rows, await read(token)));
        return rows;
    }

    /// <summary>Daily streams that can hold matching rows: endpoints without a model (or key) cannot match such a filter.</summary>
    private IEnumerable<StreamDefinition> UsageStreams(ReadPlan plan) =>
        plan.Filter.ExcludesUsage
            ? []
            : catalog.Usage.Where(s => s.Width == BucketWidth.Day && s.Kind is { } kind
                && (plan.UsageKinds is null || plan.UsageKinds.Contains(kind.Name))
                && (plan.Filter.For(Dimension.Model) is null || kind.GroupBy.Contains("model"))
                && (plan.Filter.For(Dimension.ApiKey) is null || kind.GroupBy.Contains("api_key_id")));

    private async Task<long> ReadUsageAsync(StreamDefinition stream, SummaryRange range, ReadPlan plan, ISummarySink sink, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Usage, cancellationToken);
        var filter = StorageFilters.DayPartitions(stream.KeyPrefix, range);
        filter = StorageFilters.And(filter, UsageRows.ProjectId, plan.Filter.For(Dimension.Project));
        filter = StorageFilters.And(filter, UsageRows.Model, plan.Filter.For(Dimension.Model));
        filter = StorageFilters.And(filter, UsageRows.ApiKeyId, plan.Filter.For(Dimension.ApiKey));
        IEnumerable<string>? select = plan.UsageMetrics is { } metrics
            ? [UsageRows.BucketStart, UsageRows.ProjectId, UsageRows.Model, UsageRows.ApiKeyId, .. metrics]
            : null;
        var kind = stream.Kind!.Name;
        long rows = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).AsPages())
        {
            var records = page.Values.Select(row => ToUsage(kind, row)).ToList();
            Deliver(sink, records, static (s, r) => s.Add(r));
            rows += records.Count;
        }

        return rows;
    }

    private async Task<long> ReadCostsAsync(SummaryRange range, SummaryFilter summaryFilter, ISummarySink sink, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Costs, cancellationToken);
        var filter = StorageFilters.DayPartitions(StreamCatalog.CostsStreamName, range);
        filter = StorageFilters.And(filter, CostRows.ProjectId, summaryFilter.For(Dimension.Project));
        filter = StorageFilters.And(filter, CostRows.LineItem, summaryFilter.For(Dimension.LineItem));
        filter = StorageFilters.And(filter, CostRows.ApiKeyId, summaryFilter.For(Dimension.ApiKey));
        long rows = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, select: CostColumns, cancellationToken: cancellationToken).AsPages())
        {
            var records = page.Values.Select(ToCost).ToList();
            Deliver(sink, records, static (s, r) => s.Add(r));
            rows += records.Count;
        }

        return rows;
    }

    /// <summary>Sinks are not thread-safe; streams are read concurrently, so a page is handed over under a lock.</summary>
    private static void Deliver<T>(ISummarySink sink, List<T> records, Action<ISummarySink, T> add)
    {
        lock (sink)
        {
            foreach (var record in records)
            {
                add(sink, record);
            }
        }
    }

    private static UsageRecord ToUsage(string kind, TableEntity row)
    {
        var metrics = new List<KeyValuePair<string, long>>(8);
        foreach (var (column, value) in row)
        {
            // Dimensions are strings and times are DateTimeOffset: every integer column is a metric.
            if (value is long or int)
            {
                metrics.Add(new(column, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        return new UsageRecord(Day(row), kind, row.GetString(UsageRows.ProjectId), row.GetString(UsageRows.Model), row.GetString(UsageRows.ApiKeyId), metrics);
    }

    private static CostRecord ToCost(TableEntity row) =>
        new(Day(row), row.GetString(CostRows.ProjectId), row.GetString(CostRows.LineItem), row.GetString(CostRows.ApiKeyId), CostRows.ParseAmount(row.GetString(CostRows.AmountUsd)));

    private static DateOnly Day(TableEntity row) =>
        Periods.Day(row.GetDateTimeOffset(UsageRows.BucketStart) ?? throw new InvalidOperationException($"Row {row.PartitionKey}/{row.RowKey} has no {UsageRows.BucketStart}."));
}
