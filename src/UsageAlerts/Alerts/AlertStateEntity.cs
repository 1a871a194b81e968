using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace UsageAlerts.Alerts;

/// <summary>
/// What is known and what was told about one alert identity. <see cref="NotifiedLevel"/> and
/// <see cref="DeliveredTo"/> make the lifecycle state-based (Alertmanager-style), not event-counting: a restart with
/// unchanged data finds nothing new to say.
/// </summary>
internal sealed class AlertStateEntity : ITableEntity
{
    public const string Partition = "alert";
    public const string Firing = "firing";
    public const string Resolved = "resolved";
    public const string Expired = "expired";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string AlertId { get; set; } = "";

    public string Rule { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Scope { get; set; } = "";

    public string Status { get; set; } = Resolved;

    public int Level { get; set; }

    public string? LevelLabel { get; set; }

    public string? Value { get; set; }

    public string? Title { get; set; }

    public string? Severity { get; set; }

    public DateTimeOffset? FiredAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>When the condition was first seen clear while firing; resolution waits for the rule's resolve delay.</summary>
    public DateTimeOffset? ClearSince { get; set; }

    /// <summary>Highest level announced since the alert fired; 0 when nothing was announced (e.g. silenced).</summary>
    public int NotifiedLevel { get; set; }

    public DateTimeOffset? LastNotifiedAt { get; set; }

    /// <summary>Counts announcements; with the alert id it names a notice uniquely, which makes enqueueing idempotent.</summary>
    public int Seq { get; set; }

    /// <summary>The last announcement decided; <see cref="Enqueued"/> says whether it reached the outbox.</summary>
    public string? PendingNotice { get; set; }

    public bool Enqueued { get; set; } = true;

    /// <summary>Receivers that got this alert's firing message (';'-separated); only they hear that it resolved.</summary>
    public string DeliveredTo { get; set; } = "";

    public string Receivers { get; set; } = "";

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastEvaluatedAt { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> DeliveredReceivers => DeliveredTo.Split(';', StringSplitOptions.RemoveEmptyEntries);

    public AlertStateEntity Copy() => (AlertStateEntity)MemberwiseClone();
}
