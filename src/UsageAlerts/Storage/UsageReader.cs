using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>
/// Streams a usage stream's rows whose buckets start in [from, to), reading only the day partitions involved and the
/// metrics spikes and headroom count.
/// </summary>
internal sealed class UsageReader(TableStore tables)
{
    private static readonly string[] Columns = [UsageRows.BucketStart, UsageRows.ProjectId, UsageRows.Model, UsageRecord.RequestsMetric, UsageRecord.InputTokensMetric, UsageRecord.OutputTokensMetric];

    /// <param name="projects">Only these projects' rows; null for all.</param>
    public async IAsyncEnumerable<UsageRecord> ReadAsync(string stream, DateTimeOffset from, DateTimeOffset to, IReadOnlySet<string>? projects, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Usage stream names are "<kind>.<width>" (StreamCatalog.UsageStreamName).
        var kind = stream[..stream.LastIndexOf('.')];
        var table = await tables.GetAsync(TableName.Usage, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {UsageRows.Partition(stream, from)} and PartitionKey le {UsageRows.Partition(stream, to)} and BucketStart ge {from} and BucketStart lt {to}");
        filter = StorageFilters.And(filter, UsageRows.ProjectId, projects);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: Columns, cancellationToken: cancellationToken))
        {
            yield return new UsageRecord(
                row.GetDateTimeOffset(UsageRows.BucketStart) ?? from,
                kind,
                row.GetString(UsageRows.ProjectId),
                row.GetString(UsageRows.Model),
                null,
                [
                    new(UsageRecord.RequestsMetric, Metric(row, UsageRecord.RequestsMetric)),
                    new(UsageRecord.InputTokensMetric, Metric(row, UsageRecord.InputTokensMetric)),
                    new(UsageRecord.OutputTokensMetric, Metric(row, UsageRecord.OutputTokensMetric)),
                ]);
        }
    }

    private static long Metric(TableEntity row, string column) => EntityValues.Int64(row, column) ?? 0;
}
