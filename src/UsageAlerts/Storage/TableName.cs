namespace UsageAlerts.Storage;

/// <summary>The app's tables; each name gets <see cref="StorageOptions.TablePrefix"/> in front.</summary>
internal enum TableName
{
    /// <summary>Usage buckets of every endpoint and width.</summary>
    Usage,

    /// <summary>Daily cost buckets.</summary>
    Costs,

    /// <summary>Projects and their configured rate limits.</summary>
    Catalog,

    /// <summary>Per-stream watermarks and health.</summary>
    Streams,

    /// <summary>One record per job run.</summary>
    Runs,

    /// <summary>Alert state per alert identity.</summary>
    Alerts,

    /// <summary>Messages waiting for, or done with, delivery.</summary>
    Outbox,

    /// <summary>Packs of daily streams: each day (written by ingestion) and each sealed month (built by the summaries) in one entity.</summary>
    Rollups,

    /// <summary>Unit rates learned from each closed day's bill, and what each day's per-key estimate left unpriced.</summary>
    Pricing,
}
