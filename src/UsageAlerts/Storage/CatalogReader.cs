using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>A configured per-minute cap of one project and model.</summary>
internal sealed record RateLimitRecord(string ProjectId, string Model, long? MaxRequestsPerMinute, long? MaxTokensPerMinute);

/// <summary>Project names by id (names are what people recognise) and configured rate limits.</summary>
internal sealed class CatalogReader(TableStore tables)
{
    public async Task<IReadOnlyDictionary<string, string>> ProjectNamesAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == CatalogRows.ProjectPartition, select: [CatalogRows.ProjectId, CatalogRows.Name], cancellationToken: cancellationToken))
        {
            if (row.GetString(CatalogRows.ProjectId) is { } id)
            {
                names[id] = row.GetString(CatalogRows.Name) ?? id;
            }
        }

        return names;
    }

    /// <summary>Projects that can still spend: archived ones cannot, so their spend controls are not read.</summary>
    public async Task<IReadOnlyList<string>> ActiveProjectIdsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        var ids = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == CatalogRows.ProjectPartition, select: [CatalogRows.ProjectId, CatalogRows.Status], cancellationToken: cancellationToken))
        {
            if (row.GetString(CatalogRows.ProjectId) is { } id && row.GetString(CatalogRows.Status) == "active")
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public async Task<IReadOnlyList<RateLimitRecord>> RateLimitsAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        var prefix = "ratelimit" + KeyEncoder.Separator;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {"ratelimit}"}");
        var limits = new List<RateLimitRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            limits.Add(new RateLimitRecord(
                row.GetString(CatalogRows.ProjectId) ?? "",
                row.GetString(CatalogRows.Model) ?? "",
                row.GetInt64(CatalogRows.MaxRequestsPerMinute),
                row.GetInt64(CatalogRows.MaxTokensPerMinute)));
        }

        return limits;
    }
}
