using Azure;
using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Notifications;

/// <summary>Per receiver: how many messages wait, how many were refused (dead letters), and the latest refusal.</summary>
internal sealed record OutboxCounts(int Pending, int Dead, string? LastDeadReason, DateTimeOffset? LastDeadAt);

internal sealed class OutboxStore(TableStore tables)
{
    private static readonly string PendingText = OutboxEntity.Text(OutboxStatus.Pending);
    private static readonly string DeadText = OutboxEntity.Text(OutboxStatus.Dead);

    /// <summary>Adds the row unless one with its id exists (then it was already enqueued: nothing to do).</summary>
    public async Task EnqueueAsync(string receiver, string id, OutboxContent content, string title, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Outbox, cancellationToken);
        var notice = content.Refs.Count == 1 ? content.Refs[0] : null;
        try
        {
            await table.AddEntityAsync(
                new OutboxEntity
                {
                    PartitionKey = KeyEncoder.Segment(receiver),
                    RowKey = id,
                    Receiver = receiver,
                    Content = content.Serialize(),
                    Title = title.Length <= 500 ? title : title[..500],
                    AlertId = notice?.AlertId,
                    Episode = notice?.Episode ?? 0,
                    NoticeType = notice?.Type.ToString(),
                    CreatedAt = now,
                    NextAttemptAt = now,
                },
                cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Enqueued by an earlier run or a racing one: the row is the single source of truth.
        }
    }

    public async Task<List<OutboxEntity>> PendingAsync(string receiver, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Outbox, cancellationToken);
        var partition = KeyEncoder.Segment(receiver);
        var pending = new List<OutboxEntity>();
        await foreach (var row in table.QueryAsync<OutboxEntity>(m => m.PartitionKey == partition && m.Status == PendingText, cancellationToken: cancellationToken))
        {
            pending.Add(row);
        }

        return [.. pending.OrderBy(m => m.CreatedAt).ThenBy(m => m.RowKey, StringComparer.Ordinal)];
    }

    /// <summary>Pending and dead rows per receiver, read in one query that skips the delivered bulk.</summary>
    public async Task<IReadOnlyDictionary<string, OutboxCounts>> CountsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Outbox, cancellationToken);
        var counts = new Dictionary<string, OutboxCounts>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<OutboxEntity>(m => m.Status == PendingText || m.Status == DeadText, select: ["Receiver", "Status", "LastError", "CreatedAt"], cancellationToken: cancellationToken))
        {
            var known = counts.GetValueOrDefault(row.Receiver) ?? new OutboxCounts(0, 0, null, null);
            counts[row.Receiver] = row.Status == DeadText
                ? known with
                {
                    Dead = known.Dead + 1,
                    LastDeadReason = known.LastDeadAt is { } at && at > row.CreatedAt ? known.LastDeadReason : row.LastError,
                    LastDeadAt = known.LastDeadAt is { } seen && seen > row.CreatedAt ? seen : row.CreatedAt,
                }
                : known with { Pending = known.Pending + 1 };
        }

        return counts;
    }

    /// <summary>Rows written since <paramref name="since"/>, every receiver: who was told what, and what was refused.</summary>
    public async Task<List<OutboxEntity>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Outbox, cancellationToken);
        var rows = new List<OutboxEntity>();
        await foreach (var row in table.QueryAsync<OutboxEntity>(m => m.CreatedAt >= since, select: ["PartitionKey", "RowKey", "Receiver", "Status", "Title", "AlertId", "Episode", "NoticeType", "CreatedAt", "Attempts", "LastError", "DeliveredAt"], cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Saves the row if nobody changed it since it was read.</summary>
    public async Task<bool> TrySaveAsync(OutboxEntity message, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Outbox, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Replace, cancellationToken);
            message.ETag = response.Headers.ETag ?? default;
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Deletes rows done with (delivered, superseded, dead) that were written before the cut-off.</summary>
    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Outbox, cancellationToken);
        var finished = new List<TableTransactionAction>();
        await foreach (var row in table.QueryAsync<OutboxEntity>(m => m.Status != PendingText && m.CreatedAt < cutoff, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            finished.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey) { ETag = ETag.All }));
        }

        await TableBatchWriter.SubmitAsync(table, finished, cancellationToken);
        return finished.Count;
    }
}
