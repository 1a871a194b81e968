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
}
