using Azure.Data.Tables;
using UsageAlerts.Ingestion;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;
using UsageAlerts.Summaries.Rollups;

namespace UsageAlerts.Summaries;

/// <summary>
/// Streams the usage and cost rows of a <see cref="ReadPlan"/> into a sink. Each stream's range is cut into week
/// runs of day partitions and, where the plan allows, whole sealed months read from rollups; the pieces are read
/// concurrently, page by page, so no request holds its rows.
/// </summary>
internal sealed class SummaryReader(TableStore tables, StreamCatalog catalog, SealedMonths sealedMonths, RollupStore rollups)
{
    private const int ConcurrentQueries = 8;

    public async Task<ReadResult> ReadAsync(ReadPlan plan, ISummarySink sink, CancellationToken cancellationToken)
    {
        var horizons = plan.MonthlyRollups ? await sealedMonths.LoadAsync(cancellationToken) : new Dictionary<string, DateOnly>();
        var reads = new List<(string Stream, string? Kind, ReadSegment Segment)>();
        if (plan.Costs is { } costs)
        {
            reads.AddRange(Segments(StreamCatalog.CostsStreamName, null, costs, horizons, plan.MonthlyRollups));
        }

        if (plan.Usage is { } usage)
        {
            reads.AddRange(UsageStreams(plan).SelectMany(s => Segments(s.KeyPrefix, s.Kind!.Name, usage, horizons, plan.MonthlyRollups && !HeadlineMetric.HasLevels(s.Kind.Name))));
        }

        long rows = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ConcurrentQueries, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(reads, parallel, async (read, token) => Interlocked.Add(ref rows, await ReadSegmentAsync(read.Stream, read.Kind, read.Segment, plan, sink, token)));
        return new ReadResult(rows, reads.Count(r => r.Segment.Month));
    }

    private static IEnumerable<(string, string?, ReadSegment)> Segments(string stream, string? kind, SummaryRange range, IReadOnlyDictionary<string, DateOnly> horizons, bool allowMonths) =>
        ReadSegment.Plan(range, horizons.TryGetValue(stream, out var day) ? day : null, allowMonths).Select(segment => (stream, kind, segment));

    /// <summary>Daily streams that can hold matching rows: endpoints without a model (or key) cannot match such a filter.</summary>
    private IEnumerable<StreamDefinition> UsageStreams(ReadPlan plan) =>
        plan.Filter.ExcludesUsage
            ? []
            : catalog.Usage.Where(s => s.Width == BucketWidth.Day && s.Kind is { } kind
                && (plan.UsageKinds is null || plan.UsageKinds.Contains(kind.Name))
                && (plan.Filter.For(Dimension.Model) is null || kind.GroupBy.Contains("model"))
                && (plan.Filter.For(Dimension.ApiKey) is null || kind.GroupBy.Contains("api_key_id")));

    private async Task<long> ReadSegmentAsync(string stream, string? kind, ReadSegment segment, ReadPlan plan, ISummarySink sink, CancellationToken cancellationToken)
    {
        var usage = kind is not null;
        TableClient table;
        string filter;
        if (segment.Month)
        {
            await rollups.EnsureAsync(stream, usage, segment.Days.From, cancellationToken);
            table = await tables.GetAsync(TableName.Rollups, cancellationToken);
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {RollupRows.Partition(stream, segment.Days.From)} and RowKey ne {RollupRows.Marker}");
        }
        else
        {
            table = await tables.GetAsync(usage ? TableName.Usage : TableName.Costs, cancellationToken);
            filter = StorageFilters.DayPartitions(stream, segment.Days);
        }

        filter = StorageFilters.And(filter, UsageRows.ProjectId, plan.Filter.For(Dimension.Project));
        filter = StorageFilters.And(filter, UsageRows.ApiKeyId, plan.Filter.For(Dimension.ApiKey));
        filter = usage
            ? StorageFilters.And(filter, UsageRows.Model, plan.Filter.For(Dimension.Model))
            : StorageFilters.And(filter, CostRows.LineItem, plan.Filter.For(Dimension.LineItem));
        IEnumerable<string>? select = !usage ? StoredRecords.CostColumns
            : plan.UsageMetrics is { } metrics ? [UsageRows.BucketStart, UsageRows.ProjectId, UsageRows.Model, UsageRows.ApiKeyId, .. metrics]
            : null;

        long rows = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).AsPages())
        {
            var usageRecords = usage ? page.Values.Select(row => StoredRecords.Usage(kind!, row)).ToList() : [];
            var costRecords = usage ? [] : page.Values.Select(StoredRecords.Cost).ToList();

            // Sinks are not thread-safe and pieces are read concurrently: a page is handed over under a lock.
            lock (sink)
            {
                usageRecords.ForEach(sink.Add);
                costRecords.ForEach(sink.Add);
            }

            rows += page.Values.Count;
        }

        return rows;
    }
}
