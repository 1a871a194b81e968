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
}
