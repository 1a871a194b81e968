using Azure;
using Azure.Data.Tables;

namespace UsageAlerts.Digests;

/// <summary>The last schedule occurrence a digest was sent for; a missed hour sends one digest, not a backlog.</summary>
internal sealed class DigestStateEntity : ITableEntity
{
    public const string Partition = "digest";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public DateTimeOffset LastOccurrence { get; set; }
}
