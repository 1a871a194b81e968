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
    DateTimeOffset? FiredAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? LastNotifiedAt,
    IReadOnlyList<string> DeliveredTo)
{
    public static AlertView From(AlertStateEntity state) => new(
        state.AlertId, state.Rule, state.Kind, state.Scope, state.Status, state.LevelLabel, state.Severity, state.Title,
        state.FiredAt, state.ResolvedAt, state.LastNotifiedAt, state.DeliveredReceivers);
}
