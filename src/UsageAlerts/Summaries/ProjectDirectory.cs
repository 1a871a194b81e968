using Azure.Data.Tables;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>Project names from the catalog, to show next to ids (a few hundred rows, one partition).</summary>
internal sealed class ProjectDirectory(TableStore tables)
{
    public async Task<IReadOnlyDictionary<string, string>> LoadAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CatalogRows.ProjectPartition}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: [CatalogRows.ProjectId, CatalogRows.Name], cancellationToken: cancellationToken))
        {
            if (row.GetString(CatalogRows.ProjectId) is { } id && row.GetString(CatalogRows.Name) is { } name)
            {
                names[id] = name;
            }
        }

        return names;
    }
}
