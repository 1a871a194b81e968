using System.Collections.Concurrent;
using Azure.Data.Tables;
using UsageAlerts.OpenAi;
using UsageAlerts.Pricing;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Storage.Rollups;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Polls one stream into its table. Each page is stored before the watermark moves past it, so a crash loses
/// nothing and the next run resumes where this one stopped. Buckets that may already be stored are replaced
/// whole: revised values overwrite, groups that vanished from a revised bucket are deleted, nothing adds up twice.
/// A daily bucket's pack (the whole day in one entity, what summaries read) is written after its rows, before the
/// watermark moves, so the two never disagree for long: a failure in between is repaired by the re-poll. The day is
/// then marked for pricing (per-key costs), also before the watermark moves. A page's watermark is written when
/// the next page is stored and the last page's together with the run's success: one state write per page.
/// </summary>
internal sealed class BucketStreamIngestor(TableStore tables, StreamStateStore states, PricingBacklog pricing, TimeProvider timeProvider)
{
    /// <param name="pricingMarks">Days this job run already marked for pricing.</param>
    public async Task<StreamRunResult> RunAsync(StreamDefinition stream, IBucketSource source, ConcurrentDictionary<DateOnly, bool> pricingMarks, CancellationToken cancellationToken)
    {
        var now = TruncateToSecond(timeProvider.GetUtcNow());
        var state = await states.GetAsync(stream.Name, cancellationToken);
        var (start, end) = IngestionWindow.For(stream, state?.Watermark, now);
        if (start >= end)
        {
            var empty = StreamRunResult.Empty(stream.Name);
            await states.CommitAsync(stream.Name, state, StreamStateStore.Success(timeProvider.GetUtcNow(), empty), cancellationToken);
            return empty;
        }

        var table = await tables.GetAsync(stream.Kind is null ? TableName.Costs : TableName.Usage, cancellationToken);
        var rollups = DayPacks.Applies(stream) ? await tables.GetAsync(TableName.Rollups, cancellationToken) : null;
        var openBucketStart = stream.Width.AlignDown(now);
        var storedThrough = state?.StoredThrough ?? DateTimeOffset.MinValue;
        long written = 0, deleted = 0;
        int pages = 0, transactions = 0;
        var report = new SourceReport();
        Action<StreamStateEntity>? advance = null;
        try
        {
            await foreach (var page in source.ReadAsync(stream, start, report, cancellationToken))
            {
                pages++;
                if (page.Count == 0)
                {
                    continue;
                }

                var deletes = await FindStaleRowsAsync(table, page.Where(b => b.Start < storedThrough), cancellationToken);
                var actions = page.SelectMany(b => b.Rows).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))
                    .Concat(deletes.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row)));
                transactions += await TableBatchWriter.SubmitAsync(table, actions, cancellationToken);
                if (rollups is not null)
                {
                    var packs = page.Select(bucket => new TableTransactionAction(TableTransactionActionType.UpsertReplace, DayPacks.For(stream, bucket)));
                    transactions += await TableBatchWriter.SubmitAsync(rollups, packs, cancellationToken);
                    transactions += await pricing.MarkAsync(page.Select(bucket => Periods.Day(bucket.Start)), pricingMarks, cancellationToken);
                }

                written += page.Sum(b => b.Rows.Count);
                deleted += deletes.Count;

                // The previous page's watermark is written once this page is stored; the last one goes with the success.
                if (advance is not null)
                {
                    state = await states.CommitAsync(stream.Name, state, advance, cancellationToken);
                }

                var pageEnd = page.Max(b => b.End);
                advance = StreamStateStore.Advance(pageEnd < openBucketStart ? pageEnd : openBucketStart, pageEnd);
            }
        }
        catch (Exception) when (advance is not null)
        {
            // A failed run keeps what it stored: the last stored page's watermark still moves.
            await states.CommitAsync(stream.Name, state, advance, CancellationToken.None);
            throw;
        }

        var result = new StreamRunResult(stream.Name, written, deleted, pages, transactions) { SkippedResults = report.SkippedResults, Warning = report.Warning };
        var success = StreamStateStore.Success(timeProvider.GetUtcNow(), result);
        await states.CommitAsync(stream.Name, state, advance is null ? success : advance + success, cancellationToken);
        return result;
    }

    /// <summary>Rows stored earlier for these buckets whose group is absent from the new answer.</summary>
    private static async Task<List<TableEntity>> FindStaleRowsAsync(TableClient table, IEnumerable<StoredBucket> buckets, CancellationToken cancellationToken)
    {
        var stale = new List<TableEntity>();
        foreach (var partition in buckets.GroupBy(b => b.PartitionKey))
        {
            var fresh = partition.SelectMany(b => b.Rows).Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
            var prefixes = partition.Select(b => b.RowKeyPrefix).Order(StringComparer.Ordinal).ToList();
            var filter = prefixes[0].Length == 0
                ? TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {partition.Key} and RowKey ge {prefixes[0]} and RowKey lt {PrefixEnd(prefixes[^1])}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                if (!fresh.Contains(row.RowKey) && prefixes.Any(p => row.RowKey.StartsWith(p, StringComparison.Ordinal)))
                {
                    stale.Add(new TableEntity(partition.Key, row.RowKey) { ETag = Azure.ETag.All });
                }
            }
        }

        return stale;
    }

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>.</summary>
    private static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static DateTimeOffset TruncateToSecond(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
