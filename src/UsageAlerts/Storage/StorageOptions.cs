namespace UsageAlerts.Storage;

/// <summary>
/// Section <c>Storage</c>: either a connection string (Azurite, local runs) or the table endpoint used with the
/// app's managed identity (Azure, no shared keys).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    /// <summary>Prepended to every table name, so several deployments or test runs can share one account.</summary>
    public string TablePrefix { get; set; } = "usagealerts";

    /// <summary>
    /// Most decoded pack records (one per group of a day or month) kept in memory for summaries, budgets and the
    /// dashboard; 0 turns the cache off. A record costs about 200 bytes, so the default holds about 50 MB: a month
    /// of a 50-project, 20-model organization split by project, model and key, or years of per-day totals.
    /// </summary>
    public long PackCacheRecords { get; set; } = 250_000;

    /// <summary>Upper bound of <see cref="PackCacheRecords"/>: about 4 GB of records.</summary>
    internal const long MaxPackCacheRecords = 20_000_000;
}
