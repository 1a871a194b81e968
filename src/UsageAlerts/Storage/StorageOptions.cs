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

    /// <summary>
    /// How long summaries trust a listing of a run of days before storage is asked again, unless this process wrote to
    /// the rollups, costs or usage tables since (which drops it at once); 0 asks on every request. Also how long stream
    /// states (where each stream's sealed days end) are reused; watermarks only move forward, so older states only
    /// seal fewer days. Alert evaluation always lists.
    /// </summary>
    public int PackRevalidateSeconds { get; set; } = 60;

    /// <summary>Upper bound of <see cref="PackRevalidateSeconds"/>: a stream's first data shows within the hour.</summary>
    internal const int MaxPackRevalidateSeconds = 3600;
}
