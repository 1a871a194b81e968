using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Ingestion;

internal sealed class UsageBucketSource(OpenAiAdminClient client) : IBucketSource
{
    public async IAsyncEnumerable<StoredBucket> ReadAsync(
        StreamDefinition stream, DateTimeOffset start, SourceReport report, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kind = stream.Kind ?? throw new InvalidOperationException($"Stream {stream.Name} is not a usage stream.");
        var query = new UsageQuery(kind, start, null, stream.Width) { GroupBy = stream.GroupBy };
        await foreach (var bucket in client.GetUsageBucketsAsync(query, cancellationToken))
        {
            report.Read(bucket);
            yield return ToStored(stream, bucket);
        }
    }

    internal static StoredBucket ToStored(StreamDefinition stream, Bucket<UsageResult> bucket)
    {
        // Results with the same group (e.g. split by a dimension we did not ask for) are summed, never overwritten.
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var partition = UsageRows.Partition(stream.KeyPrefix, bucket.Start);
        var pricedApart = stream.GroupBy.Intersect(UsageRows.PricedApart, StringComparer.Ordinal).Any();
        foreach (var result in bucket.Results)
        {
            var rowKey = UsageRows.Row(bucket.Start, result.Dimensions, pricedApart);
            if (!rows.TryGetValue(rowKey, out var row))
            {
                row = new TableEntity(partition, rowKey)
                {
                    [UsageRows.BucketStart] = bucket.Start,
                    [UsageRows.BucketEnd] = bucket.End,
                };
                row.SetIfNotNull(UsageRows.ProjectId, result.Dimensions.ProjectId);
                row.SetIfNotNull(UsageRows.Model, result.Dimensions.Model);
                row.SetIfNotNull(UsageRows.ApiKeyId, result.Dimensions.ApiKeyId);
                if (pricedApart)
                {
                    row.SetIfNotNull(UsageRows.Batch, result.Dimensions.Batch);
                    row.SetIfNotNull(UsageRows.ServiceTier, result.Dimensions.ServiceTier);
                    row.SetIfNotNull(UsageRows.Size, result.Dimensions.Size);
                    row.SetIfNotNull(UsageRows.ContextLevel, result.Dimensions.ContextLevel);
                }

                rows[rowKey] = row;
            }

            foreach (var (metric, value) in result.Metrics)
            {
                row[metric] = (row.GetInt64(metric) ?? 0) + value;
            }
        }

        return new StoredBucket(bucket.Start, bucket.End, partition, UsageRows.BucketPrefix(bucket.Start), [.. rows.Values]);
    }
}
