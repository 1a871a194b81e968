using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using UsageAlerts.Summaries;

namespace UsageAlerts.Storage;

/// <summary>Streams a usage stream's rows whose buckets start in [from, to), reading only the day partitions involved.</summary>
internal sealed class UsageReader(TableStore tables)
{
    private static readonly string[] Columns = [UsageRows.BucketStart, UsageRows.ProjectId, UsageRows.Model, UsageRecord.RequestsMetric, UsageRecord.InputTokensMetric, UsageRecord.OutputTokensMetric];

    public async IAsyncEnumerable<UsageRecord> ReadAsync(string stream, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Usage stream names are "<kind>.<width>" (StreamCatalog.UsageStreamName).
        var kind = stream[..stream.LastIndexOf('.')];
        var table = await tables.GetAsync(TableName.Usage, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {UsageRows.Partition(stream, from)} and PartitionKey le {UsageRows.Partition(stream, to)} and BucketStart ge {from} and BucketStart lt {to}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: Columns, cancellationToken: cancellationToken))
        {
            yield return new UsageRecord(
                row.GetDateTimeOffset(UsageRows.BucketStart) ?? from,
                kind,
                row.GetString(UsageRows.ProjectId),
                row.GetString(UsageRows.Model),
                null,
                [
                    new(UsageRecord.RequestsMetric, row.GetInt64(UsageRecord.RequestsMetric) ?? 0),
                    new(UsageRecord.InputTokensMetric, row.GetInt64(UsageRecord.InputTokensMetric) ?? 0),
                    new(UsageRecord.OutputTokensMetric, row.GetInt64(UsageRecord.OutputTokensMetric) ?? 0),
                ]);
        }
    }
}
