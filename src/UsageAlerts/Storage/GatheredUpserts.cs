using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>
/// Upserts into one table gathered per partition, each partition's batch sent as soon as it is as full as
/// <see cref="TableBatchWriter"/> would make it (100 entities, or its byte bound). A long run of writes (a backfill's
/// days of pricing) goes out in the same transactions as if it were gathered whole, while what is held stays under
/// one batch per open partition instead of growing with the run.
/// </summary>
internal sealed class GatheredUpserts(TableClient table)
{
    private readonly Dictionary<string, Pending> _partitions = new(StringComparer.Ordinal);

    public int Transactions { get; private set; }

    public async Task AddAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        if (!_partitions.TryGetValue(entity.PartitionKey, out var pending))
        {
            _partitions[entity.PartitionKey] = pending = new Pending();
        }

        var size = TableBatchWriter.EstimateBytes(entity);
        var rewrite = pending.Rows.Remove(entity.RowKey, out var earlier);
        if (rewrite)
        {
            // The last write of a row wins, as in one gathered batch.
            pending.Bytes -= TableBatchWriter.EstimateBytes(earlier!);
        }

        if (pending.Rows.Count == TableBatchWriter.MaxActionsPerBatch || (pending.Rows.Count > 0 && pending.Bytes + size > TableBatchWriter.MaxBatchBytes))
        {
            await SendAsync(pending, cancellationToken);
        }

        pending.Rows[entity.RowKey] = entity;
        pending.Bytes += size;
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var pending in _partitions.Values)
        {
            await SendAsync(pending, cancellationToken);
        }

        _partitions.Clear();
    }

    private async Task SendAsync(Pending pending, CancellationToken cancellationToken)
    {
        if (pending.Rows.Count == 0)
        {
            return;
        }

        Transactions += await TableBatchWriter.SubmitAsync(
            table, pending.Rows.Values.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        pending.Rows.Clear();
        pending.Bytes = 0;
    }

    private sealed class Pending
    {
        public Dictionary<string, TableEntity> Rows { get; } = new(StringComparer.Ordinal);

        public long Bytes { get; set; }
    }
}
