using Azure;
using Azure.Data.Tables;

namespace UsageAlerts.Alerts;

/// <summary>
/// The table row of an <see cref="AlertState"/>; only <see cref="AlertStore"/> reads and writes it. Status and notice
/// types are stored as lowercase text so a query can filter on them.
/// </summary>
internal sealed class AlertStateEntity : ITableEntity
{
    public const string Partition = "alert";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string AlertId { get; set; } = "";

    public string? RuleKey { get; set; }

    public string Rule { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Scope { get; set; } = "";

    public string Status { get; set; } = "";

    public int Level { get; set; }

    public string? LevelLabel { get; set; }

    public string? Value { get; set; }

    public string? Title { get; set; }

    public string? Severity { get; set; }

    public DateTimeOffset? FiredAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolveReason { get; set; }

    public DateTimeOffset? ClearSince { get; set; }

    public DateTimeOffset? MissingSince { get; set; }

    public int Episode { get; set; }

    public int NotifiedLevel { get; set; }

    public string? NotifiedLabel { get; set; }

    public DateTimeOffset? LastNotifiedAt { get; set; }

    public int Seq { get; set; }

    public string? PendingNotice { get; set; }

    public bool Enqueued { get; set; } = true;

    /// <summary>';'-separated receiver names (receiver names cannot hold ';').</summary>
    public string DeliveredTo { get; set; } = "";

    public string Receivers { get; set; } = "";

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastEvaluatedAt { get; set; }
}
