using Azure;
using Azure.Data.Tables;

namespace UsageAlerts.Notifications;

/// <summary>
/// One message to one receiver, written before any send and marked delivered only after the webhook accepted it.
/// Failed messages stay (pending or dead) for inspection; nothing is dropped silently.
/// </summary>
internal sealed class OutboxEntity : ITableEntity
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Superseded = "superseded";
    public const string Dead = "dead";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Receiver { get; set; } = "";

    public string Status { get; set; } = Pending;

    public string Content { get; set; } = "";

    public string? Title { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A sender holds the message until then, so a message is never sent by two runs at once.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
