using Azure.Data.Tables;

namespace UsageAlerts.Storage;

/// <summary>A configured per-minute cap of one project and model.</summary>
internal sealed record RateLimitRecord(string ProjectId, string Model, long? MaxRequestsPerMinute, long? MaxTokensPerMinute);

/// <summary>
/// The one reader of the catalog table, for alerts, summaries, the dashboard and ingestion: project names by id
/// (names are what people recognise), the projects that can still spend, and configured rate limits.
/// </summary>
internal sealed class CatalogReader(TableStore tables)
{
    /// <summary>Names by project id; a project stored without a name is left out, so callers show its id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ProjectNamesAsync(CancellationToken cancellationToken)
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

    /// <summary>The caps of every project, or of <paramref name="projects"/> only (one partition each).</summary>
    public async Task<RateLimitCaps> RateLimitsAsync(IReadOnlySet<string>? projects, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName.Catalog, cancellationToken);
        var first = "ratelimit" + KeyEncoder.Separator;
        var filter = projects is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey lt {"ratelimit" + (char)(KeyEncoder.Separator + 1)}")
            : string.Join(" or ", projects.Order(StringComparer.Ordinal).Select(p => TableClient.CreateQueryFilter($"PartitionKey eq {CatalogRows.RateLimitPartition(p)}")));
        string[] columns = [CatalogRows.ProjectId, CatalogRows.Model, CatalogRows.MaxRequestsPerMinute, CatalogRows.MaxTokensPerMinute];
        var caps = new Dictionary<string, List<RateLimitRecord>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            if (row.GetString(CatalogRows.ProjectId) is not { } project || row.GetString(CatalogRows.Model) is not { } model)
            {
                continue;
            }

            if (!caps.TryGetValue(project, out var list))
            {
                caps[project] = list = [];
            }

            list.Add(new RateLimitRecord(project, model, EntityValues.Int64(row, CatalogRows.MaxRequestsPerMinute), EntityValues.Int64(row, CatalogRows.MaxTokensPerMinute)));
        }

        return new RateLimitCaps(caps.ToDictionary(c => c.Key, c => (IReadOnlyList<RateLimitRecord>)c.Value, StringComparer.Ordinal));
    }
}
