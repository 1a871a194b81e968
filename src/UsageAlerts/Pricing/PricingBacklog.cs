using Azure;
using Azure.Data.Tables;
using UsageAlerts.Storage;
using UsageAlerts.Summaries.Rollups;

namespace UsageAlerts.Pricing;

/// <summary>
/// Days whose costs or daily usage changed since they were last priced, kept in storage (partition <c>pending</c>)
/// so a crash between ingestion and pricing loses none. Ingestion marks a day with its rows; pricing clears the
/// mark with the ETag it read, so a day marked again while being priced stays pending.
/// </summary>
internal sealed class PricingBacklog(TableStore tables)
{
    private const string Partition = "pending";

    public async Task<int> MarkAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Pricing, cancellationToken);
        var marks = days.Distinct().Select(day => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace, new TableEntity(Partition, RollupRows.DayRow(day))));
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

    public async Task ClearAsync(DateOnly day, ETag etag, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Pricing, cancellationToken);
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
