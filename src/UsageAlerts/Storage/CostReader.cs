using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using UsageAlerts.Ingestion;

namespace UsageAlerts.Storage;

/// <summary>One stored cost row: a day's amount for a project, line item and API key.</summary>
internal sealed record CostRecord(DateTimeOffset Day, string? ProjectId, string? LineItem, string? ApiKeyId, decimal AmountUsd);

/// <summary>Streams cost rows of whole UTC days in [from, to) through one partition-range query.</summary>
internal sealed class CostReader(TableStore tables)
{
    private static readonly string[] Columns = [CostRows.BucketStart, CostRows.ProjectId, CostRows.LineItem, CostRows.ApiKeyId, CostRows.AmountUsd];

    public async IAsyncEnumerable<CostRecord> ReadAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Costs, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {CostRows.Partition(StreamCatalog.CostsStreamName, from)} and PartitionKey lt {CostRows.Partition(StreamCatalog.CostsStreamName, to)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: Columns, cancellationToken: cancellationToken))
        {
            yield return new CostRecord(
                row.GetDateTimeOffset(CostRows.BucketStart) ?? from,
                row.GetString(CostRows.ProjectId),
                row.GetString(CostRows.LineItem),
                row.GetString(CostRows.ApiKeyId),
                CostRows.ParseAmount(row.GetString(CostRows.AmountUsd)));
        }
    }
}
