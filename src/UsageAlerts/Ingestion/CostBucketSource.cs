using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Reads daily costs by project, line item and API key. OpenAI refuses API-key grouping for windows that start
/// before <see cref="CostsQuery.ApiKeyGroupingAvailableFrom"/>, so older days are read without it.
/// </summary>
internal sealed class CostBucketSource(OpenAiAdminClient client) : IBucketSource
{
    /// <summary>
    /// A page holds every group of each of its days and is held whole while stored: at the API's 180 days a large
    /// organization's backfill is millions of results in one page. A month per page, as for daily usage, bounds a
    /// page's memory by the organization's size instead, for two more calls on a 90-day backfill.
    /// </summary>
    internal const int DaysPerPage = 31;

    public async IAsyncEnumerable<IReadOnlyList<StoredBucket>> ReadAsync(
        StreamDefinition stream, DateTimeOffset start, DateTimeOffset end, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var query in Split(stream, start, end))
        {
            await foreach (var page in client.GetCostPagesAsync(query, cancellationToken))
            {
                yield return [.. page.Buckets.Select(bucket => ToStored(stream, bucket))];
            }
        }
    }

    internal static IEnumerable<CostsQuery> Split(StreamDefinition stream, DateTimeOffset start, DateTimeOffset end)
    {
        var cut = CostsQuery.ApiKeyGroupingAvailableFrom;
        if (start < cut)
        {
            var withoutKeys = stream.GroupBy.Where(g => g != "api_key_id").ToList();
            yield return new CostsQuery(start, end < cut ? end : cut) { GroupBy = withoutKeys, Limit = DaysPerPage };
        }

        if (end > cut)
        {
            yield return new CostsQuery(start > cut ? start : cut, end) { GroupBy = stream.GroupBy, Limit = DaysPerPage };
        }
    }

    internal static StoredBucket ToStored(StreamDefinition stream, Bucket<CostResult> bucket)
    {
        var rows = new Dictionary<string, (TableEntity Row, decimal Amount, decimal? Quantity)>(StringComparer.Ordinal);
        var partition = CostRows.Partition(stream.KeyPrefix, bucket.Start);
        foreach (var result in bucket.Results)
        {
            var rowKey = CostRows.Row(result.ProjectId, result.LineItem, result.ApiKeyId);
            if (!rows.TryGetValue(rowKey, out var entry))
            {
                var row = new TableEntity(partition, rowKey)
                {
                    [CostRows.BucketStart] = bucket.Start,
                    [CostRows.BucketEnd] = bucket.End,
                    [CostRows.Currency] = result.Currency,
                };
                row.SetIfNotNull(CostRows.ProjectId, result.ProjectId);
                row.SetIfNotNull(CostRows.LineItem, result.LineItem);
                row.SetIfNotNull(CostRows.ApiKeyId, result.ApiKeyId);
                row.SetIfNotNull(CostRows.QuantityUnit, result.QuantityUnit);
                entry = (row, 0m, null);
            }

            entry.Amount += result.AmountUsd;
            entry.Quantity = result.Quantity is { } q ? (entry.Quantity ?? 0m) + q : entry.Quantity;
            rows[rowKey] = entry;
        }

        var entities = new List<TableEntity>(rows.Count);
        foreach (var (row, amount, quantity) in rows.Values)
        {
            row[CostRows.AmountUsd] = CostRows.FormatAmount(amount);
            if (quantity is { } q)
            {
                row[CostRows.Quantity] = CostRows.FormatAmount(q);
            }

            entities.Add(row);
        }

        return new StoredBucket(bucket.Start, bucket.End, partition, "", entities);
    }
}
