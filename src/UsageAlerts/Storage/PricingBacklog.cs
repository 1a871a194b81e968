using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using UsageAlerts.Storage;
using UsageAlerts.Storage.Rollups;

namespace UsageAlerts.Storage;

/// <summary>
/// Days whose costs or daily usage changed since they were last priced, kept in storage (partition <c>pending</c>)
/// so a crash between ingestion and pricing loses none. Ingestion marks a day with its rows; pricing clears the
/// mark with the ETag it read, so a day marked again while being priced stays pending.
/// </summary>
internal sealed class PricingBacklog(TableStore tables)
{
    private const string Partition = "pending";

    /// <summary>
    /// Marks the days not yet in <paramref name="markedThisRun"/> (the days one job run already marked, shared by its
    /// streams: they store the same days, and one mark is enough until pricing reads it).
    /// </summary>
    public async Task<int> MarkAsync(IEnumerable<DateOnly> days, ConcurrentDictionary<DateOnly, bool> markedThisRun, CancellationToken cancellationToken)
    {
        var fresh = days.Distinct().Where(day => markedThisRun.TryAdd(day, true)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var table = await tables.GetAsync(TableName.Pricing, cancellationToken);
        var marks = fresh.Select(day => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition, RollupRows.DayRow(day))));
        return await TableBatchWriter.SubmitAsync(table, marks, cancellationToken);
    }

    public async Task<IReadOnlyList<(DateOnly Day, ETag ETag)>> PendingAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Pricing, cancellationToken);
        var pending = new List<(DateOnly, ETag)>();
        await foreach (var mark in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            pending.Add((RollupRows.DayOf(mark.RowKey), mark.ETag));
        }

        return pending;
    }

    /// <summary>
    /// Clears the marks read before pricing, in one batch; a mark that changed meanwhile fails the batch, and then
    /// each is cleared on its own so only that one stays.
    /// </summary>
    public async Task ClearAsync(IReadOnlyList<(DateOnly Day, ETag ETag)> marks, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Pricing, cancellationToken);
        var deletes = marks.Select(m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, RollupRows.DayRow(m.Day)) { ETag = m.ETag }, m.ETag));
        try
        {
            await TableBatchWriter.SubmitAsync(table, deletes, cancellationToken);
        }
        catch (TableTransactionFailedException)
        {
            foreach (var (day, etag) in marks)
            {
                try
                {
                    await table.DeleteEntityAsync(Partition, RollupRows.DayRow(day), etag, cancellationToken);
                }
                catch (RequestFailedException exception) when (exception.Status is 404 or 412)
                {
                    // Cleared by a concurrent run, or marked again meanwhile: it stays for the next run.
                }
            }
        }
    }
}
