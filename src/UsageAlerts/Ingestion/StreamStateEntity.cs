using Azure;
using Azure.Data.Tables;

namespace UsageAlerts.Ingestion;

/// <summary>
/// What is known about one stream: how far its closed buckets are stored (the watermark) and how its polling goes.
/// </summary>
internal sealed class StreamStateEntity : ITableEntity
{
    public const string Partition = "stream";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary>Every bucket that ends at or before this instant is stored and closed.</summary>
    public DateTimeOffset? Watermark { get; set; }

    /// <summary>End of the latest bucket stored, possibly still open; rows before it may need replacing on re-poll.</summary>
    public DateTimeOffset? StoredThrough { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? LastSuccessAt { get; set; }

    public string? LastError { get; set; }

    public string? LastErrorKind { get; set; }

    public int ConsecutiveFailures { get; set; }

    public long LastRows { get; set; }

    /// <summary>The organization's API does not offer this optional endpoint (404); not an error.</summary>
    public bool Unavailable { get; set; }

    /// <summary>Results the last successful run skipped (a costs result without an amount).</summary>
    public int LastSkippedResults { get; set; }

    /// <summary>A degraded but working way of reading, shown on health as a warning.</summary>
    public string? Warning { get; set; }

    /// <summary>Comma-joined groupings OpenAI refused and the stream now reads without.</summary>
    public string? ReducedGroupBy { get; set; }

    /// <summary>When the full grouping is tried again.</summary>
    public DateTimeOffset? RicherGroupingRetryAt { get; set; }
}
