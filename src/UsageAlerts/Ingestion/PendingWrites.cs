using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Ingestion;

/// <summary>
/// The writes of one stream run, gathered across buckets so that each batch is full (100 entities of one
/// partition) except a partition's last. Buckets arrive in time order, so a partition the newest bucket does not
/// belong to gets no more writes and is sent at once: what is held stays under one batch per open partition, never
/// a page. A bucket counts as stored once every write it made has been sent.
/// </summary>
internal sealed class PendingWrites
{
    // Bounds what is held, not what a batch may carry (TableBatchWriter keeps batches under the service's limit).
    private const long SendAtBytes = 2 * 1024 * 1024;

    private readonly Dictionary<(TableClient Table, string Partition), Partition> _partitions = [];
    private readonly Queue<Ticket> _unsent = new();

    public int Transactions { get; private set; }

    /// <summary>End of the last bucket that is stored together with every bucket before it; null before the first.</summary>
    public DateTimeOffset? StoredThrough { get; private set; }

    /// <param name="end">The bucket's end.</param>
    /// <param name="partitions">Every partition the bucket belongs to, written or not: the others are closed.</param>
    /// <param name="actions">The bucket's writes.</param>
    public async Task AddAsync(
        DateTimeOffset end,
        IReadOnlyCollection<(TableClient Table, string Partition)> partitions,
        IEnumerable<(TableClient Table, TableTransactionAction Action)> actions,
        CancellationToken cancellationToken)
    {
        var ticket = new Ticket(end);
        _unsent.Enqueue(ticket);
        foreach (var (table, action) in actions)
        {
            var key = (table, action.Entity.PartitionKey);
            if (!_partitions.TryGetValue(key, out var partition))
            {
                partition = new Partition();
                _partitions[key] = partition;
            }

            partition.Add(action, ticket);
        }

        foreach (var (key, partition) in _partitions.ToList())
        {
            await SendAsync(key, partition, all: !partitions.Contains(key), cancellationToken);
        }

        Settle();
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (key, partition) in _partitions.ToList())
        {
            await SendAsync(key, partition, all: true, cancellationToken);
        }

        Settle();
    }

    private async Task SendAsync((TableClient Table, string Partition) key, Partition partition, bool all, CancellationToken cancellationToken)
    {
        while (partition.Count >= TableBatchWriter.MaxActionsPerBatch || partition.Bytes >= SendAtBytes || (all && partition.Count > 0))
        {
            var taken = partition.Take(TableBatchWriter.MaxActionsPerBatch);
            foreach (var batch in TableBatchWriter.Plan(taken.Select(p => p.Action)))
            {
                await key.Table.SubmitTransactionAsync(batch, cancellationToken);
                Transactions++;
            }

            foreach (var ticket in taken.SelectMany(p => p.Tickets))
            {
                ticket.Remaining--;
            }
        }

        if (partition.Count == 0)
        {
            _partitions.Remove(key);
        }
    }

    private void Settle()
    {
        while (_unsent.TryPeek(out var ticket) && ticket.Remaining == 0)
        {
            StoredThrough = _unsent.Dequeue().End;
        }
    }

    private sealed class Ticket(DateTimeOffset end)
    {
        public DateTimeOffset End { get; } = end;

        public int Remaining { get; set; }
    }

    private sealed record PendingAction(TableTransactionAction Action, Ticket[] Tickets);

    private sealed class Partition
    {
        private readonly Dictionary<string, PendingAction> _byRow = new(StringComparer.Ordinal);

        public int Count => _byRow.Count;

        public long Bytes { get; private set; }

        /// <summary>
        /// A row written again before it was sent (a bucket read twice) is sent once, with the newest values; it
        /// stays owed to both buckets, so neither counts as stored before it is.
        /// </summary>
        public void Add(TableTransactionAction action, Ticket ticket)
        {
            ticket.Remaining++;
            var rowKey = action.Entity.RowKey;
            var tickets = _byRow.TryGetValue(rowKey, out var earlier) ? [.. earlier.Tickets, ticket] : new[] { ticket };
            if (earlier is not null)
            {
                Bytes -= TableBatchWriter.EstimateBytes(earlier.Action.Entity);
            }

            _byRow[rowKey] = new PendingAction(action, tickets);
            Bytes += TableBatchWriter.EstimateBytes(action.Entity);
        }

        public List<PendingAction> Take(int count)
        {
            var taken = _byRow.Values.Take(count).ToList();
            foreach (var pending in taken)
            {
                _byRow.Remove(pending.Action.Entity.RowKey);
                Bytes -= TableBatchWriter.EstimateBytes(pending.Action.Entity);
            }

            return taken;
        }
    }
}
