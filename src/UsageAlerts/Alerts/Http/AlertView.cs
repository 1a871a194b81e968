using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts.Http;

/// <summary>An alert as the HTTP routes show it: what, since when, and who was told.</summary>
internal sealed record AlertView(
    string Id,
    string Rule,
    string Kind,
    string Scope,
    string Status,
    string? Level,
    string? Severity,
    string? Title,
    int Episode,
    DateTimeOffset? FiredAt,
    DateTimeOffset? ResolvedAt,
    string? ResolveReason,
    DateTimeOffset? LastNotifiedAt,
    IReadOnlyList<string> DeliveredTo,
    IReadOnlyList<EpisodeView> Episodes)
{
    public static AlertView From(AlertState state, IEnumerable<OutboxEntity> rows) => new(
        state.Id.Value, state.Rule, state.Kind.ToString(), state.Scope, state.Status.ToString().ToLowerInvariant(), state.LevelLabel, state.Severity.ToString(), state.Title,
        state.Episode, state.FiredAt, state.ResolvedAt, state.ResolveReason, state.LastNotifiedAt, state.DeliveredTo,
        [.. rows.GroupBy(r => r.Episode).OrderByDescending(g => g.Key).Select(g => new EpisodeView(g.Key, [.. g.OrderBy(r => r.CreatedAt).Select(NoticeView.From)]))]);
}

/// <summary>One firing-to-resolve run of an alert and what was told in it (kept for <c>Alerts:MessageRetention</c>).</summary>
internal sealed record EpisodeView(int Episode, IReadOnlyList<NoticeView> Notices);

/// <summary>One notice to one receiver: what, when written, and what became of it (pending, delivered, superseded, dead).</summary>
internal sealed record NoticeView(string Receiver, string? Type, string Status, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, int Attempts, string? LastError)
{
    public static NoticeView From(OutboxEntity row) => new(row.Receiver, row.NoticeType, row.Status, row.CreatedAt, row.DeliveredAt, row.Attempts, row.LastError);
}

/// <summary>A message a webhook refused: kept, never resent, shown until it expires.</summary>
internal sealed record DeadLetterView(string Receiver, string? Title, string? AlertId, DateTimeOffset CreatedAt, int Attempts, string? Reason)
{
    public static DeadLetterView From(OutboxEntity row) => new(row.Receiver, row.Title, row.AlertId, row.CreatedAt, row.Attempts, row.LastError);
}
