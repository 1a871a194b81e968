using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>OpenAI's hard spend limits and spend alerts as the last <c>PollProjects</c> stored them; organization first.</summary>
internal sealed class SpendControlReader(TableStore tables)
{
    public async Task<IReadOnlyList<SpendControlRecord>> ReadAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        var records = new List<SpendControlRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == SpendControlRows.Partition, cancellationToken: cancellationToken))
        {
            records.Add(SpendControlRows.FromEntity(row));
        }

        return [.. records.OrderBy(r => r.ProjectId is not null).ThenBy(r => r.ProjectId, StringComparer.Ordinal)];
    }
}
