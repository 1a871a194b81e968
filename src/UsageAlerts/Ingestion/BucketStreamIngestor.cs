using Azure.Data.Tables;
using UsageAlerts.OpenAi;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Storage.Rollups;

namespace UsageAlerts.Ingestion;

/// <summary>
/// Polls one stream into its table, bucket by bucket as the source yields them, so neither a page nor a run is
/// ever held whole. A bucket that may already be stored is compared with what is: rows equal to the stored ones are
/// not written again, revised values overwrite, groups that vanished are deleted, nothing adds up twice. A daily
/// bucket's pack (the whole day in one entity, what summaries read), and a one-minute bucket's summary (what
/// headroom reads, <see cref="MinuteSummaries"/>), are written with its rows, always, so a run that stopped between
/// the two is repaired by the re-poll. Writes are gathered into full batches across buckets
/// (<see cref="PendingWrites"/>); <see cref="StreamProgress"/> moves past a bucket only once all of its writes are
/// sent, and the job writes that progress, the days to price first, when its streams are done.
/// </summary>
internal sealed class BucketStreamIngestor(TableStore tables, TimeProvider timeProvider)
{
    public async Task<StreamRunResult> RunAsync(StreamDefinition stream, StreamProgress progress, IBucketSource source, CancellationToken cancellationToken)
    {
        var now = TruncateToSecond(timeProvider.GetUtcNow());
        var (start, end) = IngestionWindow.For(stream, progress.Known?.Watermark, now);
        if (start >= end)
        {
            return StreamRunResult.Empty(stream.Name);
        }

        var table = await tables.GetAsync(stream.Kind is null ? TableName.Costs : TableName.Usage, cancellationToken);
        var rollups = DayPacks.Applies(stream) ? await tables.GetAsync(TableName.Rollups, cancellationToken) : null;
        var summarise = stream.Kind is not null && stream.Width == BucketWidth.Minute;
        var openBucketStart = stream.Width.AlignDown(now);
        var storedThrough = progress.Known?.StoredThrough ?? DateTimeOffset.MinValue;
        var writes = new PendingWrites();
        long written = 0, deleted = 0, unchanged = 0;
        var report = new SourceReport();
        try
        {
            await foreach (var bucket in source.ReadAsync(stream, start, report, cancellationToken))
            {
                var (changed, stale) = bucket.Start < storedThrough ? await CompareAsync(table, bucket, cancellationToken) : (bucket.Rows, []);
                var partitions = new List<(TableClient, string)> { (table, bucket.PartitionKey) };
                var actions = changed.Select(row => (table, new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)))
                    .Concat(stale.Select(row => (table, new TableTransactionAction(TableTransactionActionType.Delete, row))))
                    .ToList();
                if (rollups is not null)
                {
                    var pack = DayPacks.For(stream, bucket);
                    partitions.Add((rollups, pack.PartitionKey));
                    actions.Add((rollups, new TableTransactionAction(TableTransactionActionType.UpsertReplace, pack)));
                }

                if (summarise)
                {
                    // Same partition as the rows, so it is batched with them; replaced, never added to, on a re-poll.
                    actions.Add((table, new TableTransactionAction(TableTransactionActionType.UpsertReplace, MinuteSummaries.For(bucket.PartitionKey, bucket.Start, bucket.Rows))));
                }

                progress.Writing(bucket.End, rollups is null ? null : Periods.Day(bucket.Start));
                await writes.AddAsync(bucket.End, partitions, actions, cancellationToken);
                progress.Stored(writes.StoredThrough, openBucketStart);
                written += changed.Count;
                deleted += stale.Count;
                unchanged += bucket.Rows.Count - changed.Count;
            }
        }
        catch (OpenAiApiException)
        {
            // What came before a broken part is whole and valid: store it, and the watermark moves past it.
            await FlushQuietlyAsync(writes, cancellationToken);
            progress.Stored(writes.StoredThrough, openBucketStart);
            throw;
        }

        await writes.FlushAsync(cancellationToken);
        progress.Stored(writes.StoredThrough, openBucketStart);
        return new StreamRunResult(stream.Name, written, deleted, report.Pages, writes.Transactions)
        {
            RowsUnchanged = unchanged,
            SkippedResults = report.SkippedResults,
            Warning = report.Warning,
        };
    }

    /// <summary>
    /// Reads what is stored for a bucket being read again: rows equal to the new answer need no write, and rows
    /// whose group is absent from it are stale.
    /// </summary>
    private static async Task<(IReadOnlyList<TableEntity> Changed, IReadOnlyList<TableEntity> Stale)> CompareAsync(TableClient table, StoredBucket bucket, CancellationToken cancellationToken)
    {
        var fresh = bucket.Rows.ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        var filter = bucket.RowKeyPrefix.Length == 0
            ? TableClient.CreateQueryFilter($"PartitionKey eq {bucket.PartitionKey}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {bucket.PartitionKey} and RowKey ge {bucket.RowKeyPrefix} and RowKey lt {PrefixEnd(bucket.RowKeyPrefix)}");
        var stale = new List<TableEntity>();
        var same = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (!fresh.TryGetValue(row.RowKey, out var wanted))
            {
                stale.Add(new TableEntity(bucket.PartitionKey, row.RowKey) { ETag = Azure.ETag.All });
            }
            else if (StoredRow.Equal(wanted, row))
            {
                same.Add(row.RowKey);
            }
        }

        return (same.Count == 0 ? bucket.Rows : [.. bucket.Rows.Where(r => !same.Contains(r.RowKey))], stale);
    }

    /// <summary>A storage failure here must not hide the API's error, which is what the stream records.</summary>
    private static async Task FlushQuietlyAsync(PendingWrites writes, CancellationToken cancellationToken)
    {
        try
        {
            await writes.FlushAsync(cancellationToken);
        }
        catch (Azure.RequestFailedException)
        {
            // Nothing more is stored and the watermark stays where the last full send left it.
        }
    }

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/>.</summary>
    private static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static DateTimeOffset TruncateToSecond(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
