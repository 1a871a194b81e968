using Azure;
using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Notifications;

internal sealed class OutboxStore(TableStore tables)
{
    /// <summary>Adds the message unless a row with its id exists (then it was already enqueued: nothing to do).</summary>
    public async Task EnqueueAsync(string receiver, string id, OutboxContent content, string title, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Outbox, cancellationToken);
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
        await foreach (var row in table.QueryAsync<OutboxEntity>(m => m.PartitionKey == partition && m.Status == OutboxEntity.Pending, cancellationToken: cancellationToken))
        {
            pending.Add(row);
        }

        return [.. pending.OrderBy(m => m.CreatedAt).ThenBy(m => m.RowKey, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyDictionary<string, int>> PendingCountsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Outbox, cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<OutboxEntity>(m => m.Status == OutboxEntity.Pending, select: ["Receiver"], cancellationToken: cancellationToken))
        {
            counts[row.Receiver] = counts.GetValueOrDefault(row.Receiver) + 1;
        }

        return counts;
    }

    /// <summary>Saves the message if nobody changed it since it was read.</summary>
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
}
