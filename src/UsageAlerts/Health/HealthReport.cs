namespace UsageAlerts.Health;

/// <summary>The body of <c>GET /api/health</c>. Errors are scrubbed one-liners; no secret or URL ever appears.</summary>
internal sealed record HealthReport(string Status, DateTimeOffset CheckedAt, string Organization, IReadOnlyList<StreamHealth> Streams, IReadOnlyList<JobHealth> Jobs);

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
    string? LastError);

internal sealed record JobHealth(string Name, string Schedule, DateTimeOffset? LastStartedAt, bool? LastSucceeded, long? LastRows, int? LastPages, int? LastTransactions, int? LastErrorCount);
