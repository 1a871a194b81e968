namespace UsageAlerts.Health;

/// <summary>The body of <c>GET /api/health</c>. Errors are scrubbed one-liners; no secret or URL ever appears.</summary>
internal sealed record HealthReport(
    string Status,
    DateTimeOffset CheckedAt,
    string Organization,
    IReadOnlyList<StreamHealth> Streams,
    IReadOnlyList<JobHealth> Jobs,
    IReadOnlyList<ReceiverHealth> Receivers,
    int OutboxBacklog,
    int DeadLetters)
{
    /// <summary>Per-key cost estimation: whether it can be trusted lately (drift, unpriced usage).</summary>
    public PricingHealth? Pricing { get; init; }

    /// <summary>Budgets with <c>enforce</c>: what each last did to (or would do to) OpenAI's hard limit.</summary>
    public IReadOnlyList<EnforcementHealth> Enforcement { get; init; } = [];
}

/// <summary>
/// One enforced budget: its mode, the latest outcome (<c>inSync</c>, <c>wouldChange</c>, <c>changed</c>,
/// <c>belowSpend</c>, <c>forbidden</c>, <c>unreadable</c>, <c>unknownProject</c>, <c>waiting</c>, <c>failed</c>) since
/// when, the limit at OpenAI against the budget, and the last change made.
/// </summary>
internal sealed record EnforcementHealth(
    string Budget,
    string Scope,
    string Mode,
    string Outcome,
    string Message,
    DateTimeOffset Since,
    decimal? HardLimitUsd,
    decimal BudgetUsd,
    DateTimeOffset? NextTryAfter,
    DateTimeOffset? LastChangeAt,
    string? LastChange);

/// <summary>The newest day rates were learned from, and warnings about recent estimates (never failures).</summary>
internal sealed record PricingHealth(string? LatestRatesDay, IReadOnlyList<string> Warnings);

/// <summary>
/// A chat receiver: broken (revoked webhook, missing or refused URL), how many notices wait for it, and how many its
/// webhook refused (dead letters, kept until <c>Alerts:MessageRetention</c>) with the latest reason.
/// </summary>
internal sealed record ReceiverHealth(string Name, string Type, bool Broken, string? Reason, int PendingMessages, int DeadMessages, string? DeadReason, DateTimeOffset? LastDeliveredAt);

internal sealed record StreamHealth(
    string Name,
    string Job,
    bool Fresh,
    bool Unavailable,
    DateTimeOffset? LastSuccessAt,
    double? AgeSeconds,
    double StaleAfterSeconds,
    DateTimeOffset? Watermark,
    int ConsecutiveFailures,
    string? LastErrorKind,
    string? LastError,
    string? Warning = null,
    int SkippedResults = 0);

internal sealed record JobHealth(string Name, string Schedule, DateTimeOffset? LastStartedAt, bool? LastSucceeded, long? LastRows, int? LastPages, int? LastTransactions, int? LastErrorCount);
