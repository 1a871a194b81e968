using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace UsageAlerts.Notifications;

/// <summary>
/// A receiver's delivery health. Broken is tied to a fingerprint of the URL it was broken with, so replacing the
/// webhook URL (a new secret value) mends it without anyone clearing a flag.
/// </summary>
internal sealed class ReceiverStateEntity : ITableEntity
{
    public const string Partition = "receiver";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public bool Broken { get; set; }

    public string? Reason { get; set; }

    public string? UrlFingerprint { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? LastDeliveredAt { get; set; }

    /// <summary>When the webhook last refused a message (a dead letter), and why; cleared in effect by a later delivery.</summary>
    public DateTimeOffset? LastRejectedAt { get; set; }

    public string? LastRejectedReason { get; set; }

    /// <summary>A refusal newer than the last delivery: messages to this receiver are being lost.</summary>
    [IgnoreDataMember]
    public bool Refusing => LastRejectedAt is { } rejected && (LastDeliveredAt is not { } delivered || rejected > delivered);
}
