using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace UsageAlerts.Notifications;

internal enum OutboxStatus
{
    Pending,
    Delivered,

    /// <summary>Its news went stale before delivery (the alert resolved, or fired again in a new episode).</summary>
    Superseded,

    /// <summary>The webhook refused it (a dead letter): counted on /api/health and told to the other receivers.</summary>
    Dead,
}

/// <summary>
/// One notice (or one digest) for one receiver, written before any send and marked delivered only after the
/// webhook accepted a message that showed it. Failed rows stay (pending or dead) for inspection; nothing is
/// dropped silently. Rows expire after <c>Alerts:MessageRetention</c>.
/// </summary>
internal sealed class OutboxEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Receiver { get; set; } = "";

    /// <summary>Lowercase <see cref="OutboxStatus"/>, so queries can filter on it; use <see cref="State"/>.</summary>
    public string Status { get; set; } = Text(OutboxStatus.Pending);

    public string Content { get; set; } = "";

    public string? Title { get; set; }

    /// <summary>The alert, episode and notice type of a notice row (null for digests), for /api/alerts.</summary>
    public string? AlertId { get; set; }

    public int Episode { get; set; }

    public string? NoticeType { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>A sender holds the message until then, so a message is never sent by two runs at once.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    [IgnoreDataMember]
    public OutboxStatus State
    {
        get => Enum.Parse<OutboxStatus>(Status, ignoreCase: true);
        set => Status = Text(value);
    }

    public static string Text(OutboxStatus status) => status.ToString().ToLowerInvariant();
}
