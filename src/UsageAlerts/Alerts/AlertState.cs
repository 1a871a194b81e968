using Azure;
using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts;

internal enum AlertStatus
{
    Firing,
    Resolved,

    /// <summary>A budget alert whose period ended while it fired: closed without a message.</summary>
    Expired,
}

/// <summary>
/// What is known and what was told about one alert identity. <see cref="NotifiedLevel"/> and
/// <see cref="DeliveredTo"/> make the lifecycle state-based (Alertmanager-style), not event-counting: a restart with
/// unchanged data finds nothing new to say. Immutable: a change is a new state, written by <see cref="AlertStore"/>
/// only if nobody changed the stored one since it was read (<see cref="Version"/>).
/// </summary>
internal sealed record AlertState
{
    public required AlertId Id { get; init; }

    /// <summary>The rule's key (its id, or its name when it has none).</summary>
    public string RuleKey { get; init; } = "";

    /// <summary>The rule's name as people know it.</summary>
    public string Rule { get; init; } = "";

    public AlertKind Kind { get; init; }

    public string Scope { get; init; } = "";

    public AlertStatus Status { get; init; } = AlertStatus.Resolved;

    public int Level { get; init; }

    public string? LevelLabel { get; init; }

    public decimal Value { get; init; }

    public string? Title { get; init; }

    public Severity Severity { get; init; } = Severity.Warning;

    public DateTimeOffset? FiredAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Why it resolved when not because the condition cleared: "rule removed", "no longer observed".</summary>
    public string? ResolveReason { get; init; }

    /// <summary>When the condition was first seen clear while firing; resolution waits for the resolve delay.</summary>
    public DateTimeOffset? ClearSince { get; init; }

    /// <summary>When an evaluation first did not observe this firing alert at all; it resolves after the resolve timeout.</summary>
    public DateTimeOffset? MissingSince { get; init; }

    /// <summary>Counts firings: each episode runs from a firing to its resolve, and its notices carry this number.</summary>
    public int Episode { get; init; }

    /// <summary>Highest level announced in this episode; 0 when nothing was announced (e.g. silenced).</summary>
    public int NotifiedLevel { get; init; }

    /// <summary>The label of <see cref="NotifiedLevel"/>: what receivers last heard ("Up from 50 %").</summary>
    public string? NotifiedLabel { get; init; }

    public DateTimeOffset? LastNotifiedAt { get; init; }

    /// <summary>Counts announcements; with the alert id it names a notice uniquely, which makes enqueueing idempotent.</summary>
    public int Seq { get; init; }

    /// <summary>The last announcement decided; <see cref="Enqueued"/> says whether it reached the outbox.</summary>
    public NoticeType? PendingNotice { get; init; }

    public bool Enqueued { get; init; } = true;

    /// <summary>Receivers that got this episode's firing; only they hear that it resolved.</summary>
    public IReadOnlyList<string> DeliveredTo { get; init; } = [];

    public IReadOnlyList<string> Receivers { get; init; } = [];

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? LastEvaluatedAt { get; init; }

    /// <summary>The stored version this state was read as; default for a state never stored.</summary>
    public ETag Version { get; init; }

    public bool IsFiring => Status == AlertStatus.Firing;

    /// <summary>Who hears a notice: firing news goes to the rule's receivers, a resolve only to those told it fired.</summary>
    public IReadOnlyList<string> Audience(NoticeType type) => type == NoticeType.Resolved ? DeliveredTo : Receivers;
}
