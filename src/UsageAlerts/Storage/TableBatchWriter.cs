using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>
/// Sends upserts and deletes as entity group transactions that Table Storage accepts: one partition each, at most
/// 100 entities and well under 4 MiB, never the same row twice (the last action for a key wins).
/// </summary>
internal static class TableBatchWriter
{
    public const int MaxActionsPerBatch = 100;

    // The service limit is 4 MiB per batch; the estimate below is rough, so stay well clear of it.
    internal const long MaxBatchBytes = 3 * 1024 * 1024;

    /// <summary>Writes every action; returns the number of transactions sent.</summary>
    public static async Task<int> SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var transactions = 0;
        foreach (var batch in Plan(actions))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken);
            transactions++;
        }

        return transactions;
    }

    /// <summary>The batches <see cref="SubmitAsync"/> would send, in order.</summary>
    public static IEnumerable<List<TableTransactionAction>> Plan(IEnumerable<TableTransactionAction> actions)
    {
        var byPartition = new Dictionary<string, Dictionary<string, TableTransactionAction>>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (!byPartition.TryGetValue(action.Entity.PartitionKey, out var rows))
            {
                rows = new Dictionary<string, TableTransactionAction>(StringComparer.Ordinal);
                byPartition[action.Entity.PartitionKey] = rows;
            }

            rows[action.Entity.RowKey] = action;
        }

        foreach (var rows in byPartition.Values)
        {
            var batch = new List<TableTransactionAction>(Math.Min(rows.Count, MaxActionsPerBatch));
            long bytes = 0;
            foreach (var action in rows.Values)
            {
                var size = EstimateBytes(action.Entity);
                if (batch.Count == MaxActionsPerBatch || (batch.Count > 0 && bytes + size > MaxBatchBytes))
                {
                    yield return batch;
                    batch = new List<TableTransactionAction>(MaxActionsPerBatch);
                    bytes = 0;
                }

                batch.Add(action);
                bytes += size;
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    /// <summary>An upper-bound guess of the entity's size on the wire (UTF-16 strings, JSON overhead per property).</summary>
    internal static long EstimateBytes(ITableEntity entity)
    {
        long size = 200 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2);
        if (entity is TableEntity dictionary)
        {
            foreach (var (key, value) in dictionary)
            {
                size += 64 + (key.Length * 2) + value switch
                {
                    string text => text.Length * 2L,
                    byte[] bytes => bytes.Length * 2L,
                    _ => 32,
                };
            }
        }

        return size;
    }
}
