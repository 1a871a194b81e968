using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Reads daily costs by project, line item and, where OpenAI allows it, API key. The live endpoint has refused
/// <c>group_by=api_key_id</c> (400, param <c>group_by</c>) although its OpenAPI description lists it: such a refusal
/// drops the optional dimensions for the same window instead of blinding the stream, is shown on health as a
/// warning, and the full grouping is tried again after <see cref="IngestionOptions.CostGroupingRetryInterval"/>.
/// </summary>
internal sealed class CostBucketSource(
    OpenAiAdminClient client,
    StreamStateStore states,
    IOptions<IngestionOptions> options,
    TimeProvider timeProvider,
    ILogger<CostBucketSource> logger) : IBucketSource
{
    public async IAsyncEnumerable<StoredBucket> ReadAsync(
        StreamDefinition stream, DateTimeOffset start, SourceReport report, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(stream.Name, cancellationToken);
        var now = timeProvider.GetUtcNow();
        var reduced = state?.ReducedGroupBy is not null && now < (state.RicherGroupingRetryAt ?? DateTimeOffset.MaxValue);
        var groupBy = reduced ? Reduced(stream) : stream.GroupBy;
        if (reduced)
        {
            report.Warning = ReducedWarning(state!.ReducedGroupBy!, state.RicherGroupingRetryAt);
        }

        var buckets = client.GetCostBucketsAsync(new CostsQuery(start, null) { GroupBy = groupBy }, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                Bucket<CostResult> bucket;
                try
                {
                    if (!await buckets.MoveNextAsync())
                    {
                        break;
                    }

                    bucket = buckets.Current;
                }
                catch (OpenAiApiException exception) when (IsGroupingRefused(exception) && groupBy.Count > Reduced(stream).Count)
                {
                    // Read the same window again without the refused dimensions; buckets already stored are replaced whole.
                    var dropped = string.Join(",", stream.OptionalGroupBy);
                    var retryAt = now + options.Value.CostGroupingRetryInterval;
                    await states.RecordReducedGroupingAsync(stream.Name, dropped, retryAt, cancellationToken);
                    IngestionLog.GroupingRefused(logger, stream.Name, dropped, retryAt);
                    report.Warning = ReducedWarning(dropped, retryAt);
                    groupBy = Reduced(stream);
                    await buckets.DisposeAsync();
                    buckets = client.GetCostBucketsAsync(new CostsQuery(start, null) { GroupBy = groupBy }, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    continue;
                }

                report.Read(bucket);
                yield return ToStored(stream, bucket);
            }
        }
        finally
        {
            await buckets.DisposeAsync();
        }

        if (state?.ReducedGroupBy is not null && groupBy.Count == stream.GroupBy.Count)
        {
            await states.RecordReducedGroupingAsync(stream.Name, null, null, cancellationToken);
        }
    }

    /// <summary>A 400 that names <c>group_by</c>: the request, not the organization, is at fault, and it can be mended.</summary>
    internal static bool IsGroupingRefused(OpenAiApiException exception) =>
        exception.Kind == OpenAiErrorKind.BadRequest && string.Equals(exception.Parameter, "group_by", StringComparison.Ordinal);

    private static IReadOnlyList<string> Reduced(StreamDefinition stream) => [.. stream.GroupBy.Except(stream.OptionalGroupBy, StringComparer.Ordinal)];

    private static string ReducedWarning(string dropped, DateTimeOffset? retryAt) =>
        $"OpenAI refused group_by={dropped} on costs; costs are read without it (per-key costs are estimated from usage)" +
        (retryAt is { } at ? $"; the full grouping is tried again after {at:yyyy-MM-dd HH:mm} UTC" : "");

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
