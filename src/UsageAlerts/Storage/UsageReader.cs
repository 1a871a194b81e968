using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>One stored usage bucket of one group, with the few metrics alerting needs.</summary>
internal sealed record UsageRecord(DateTimeOffset BucketStart, string? ProjectId, string? Model, long Requests, long InputTokens, long OutputTokens)
{
    public long Tokens => InputTokens + OutputTokens;
}

/// <summary>Streams a usage stream's rows whose buckets start in [from, to), reading only the day partitions involved.</summary>
internal sealed class UsageReader(TableStore tables)
{
    private static readonly string[] Columns = [UsageRows.BucketStart, UsageRows.ProjectId, UsageRows.Model, "num_model_requests", "input_tokens", "output_tokens"];

    public async IAsyncEnumerable<UsageRecord> ReadAsync(string stream, DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Usage, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {UsageRows.Partition(stream, from)} and PartitionKey le {UsageRows.Partition(stream, to)} and BucketStart ge {from} and BucketStart lt {to}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: Columns, cancellationToken: cancellationToken))
        {
            yield return new UsageRecord(
                row.GetDateTimeOffset(UsageRows.BucketStart) ?? from,
                row.GetString(UsageRows.ProjectId),
                row.GetString(UsageRows.Model),
                row.GetInt64("num_model_requests") ?? 0,
                row.GetInt64("input_tokens") ?? 0,
                row.GetInt64("output_tokens") ?? 0);
        }
    }
}
