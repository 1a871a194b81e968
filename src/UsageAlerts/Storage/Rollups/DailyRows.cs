using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// Reads a stream's stored daily rows over a run of days: the fallback for days without a usable pack (stored
/// before packs existed, or too big for one entity). Filters go to storage where it can apply them.
/// </summary>
internal sealed class DailyRows(TableStore tables)
{
    public async Task<long> ReadAsync(StreamRead read, SummaryRange days, ISummarySink sink, CancellationToken cancellationToken)
    {
        var usage = read.Kind is not null;
        var table = await tables.GetAsync(usage ? TableName.Usage : TableName.Costs, cancellationToken);
        var filter = StorageFilters.DayPartitions(read.Stream, days);
        filter = StorageFilters.And(filter, UsageRows.ProjectId, read.Filter.For(Dimension.Project));
        filter = StorageFilters.And(filter, UsageRows.ApiKeyId, read.Filter.For(Dimension.ApiKey));
        filter = usage
            ? StorageFilters.And(filter, UsageRows.Model, read.Filter.For(Dimension.Model))
            : StorageFilters.And(filter, CostRows.LineItem, read.Filter.For(Dimension.LineItem));
        IEnumerable<string>? select = !usage ? StoredRecords.CostColumns
            : read.UsageMetrics is { } metrics ? [UsageRows.BucketStart, UsageRows.ProjectId, UsageRows.Model, UsageRows.ApiKeyId, .. metrics]
            : null;

        long rows = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: cancellationToken).AsPages())
        {
            var usageRecords = usage ? page.Values.Select(row => StoredRecords.Usage(read.Kind!, row)).ToList() : [];
            var costRecords = usage ? [] : page.Values.Select(StoredRecords.Cost).ToList();
            SinkLock.Add(sink, usageRecords, costRecords);
            rows += page.Values.Count;
        }

        return rows;
    }
}
