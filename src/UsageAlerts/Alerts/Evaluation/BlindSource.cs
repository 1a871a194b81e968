using UsageAlerts.Health;
using UsageAlerts.Notifications;
using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Evaluation;

/// <summary>
/// Monitoring that cannot see is an alert too: per polling job, fires when a stream keeps failing, the admin key is
/// rejected or quota is gone, or data went stale after having been fresh.
/// </summary>
internal sealed class BlindSource(HealthService health) : IAlertSource
{
    private static readonly string[] Blinding = ["Authentication", "InsufficientQuota", "WrongOrganization"];

    public Task<IReadOnlyList<Observation>> ObserveAsync(RulesDocument rules, EvaluationContext context, CancellationToken cancellationToken) =>
        Task.FromResult(rules.Blind is { } rule ? Observe(rule, rules.DefaultReceiver, context) : []);

    private IReadOnlyList<Observation> Observe(BlindRule rule, string? defaultReceiver, EvaluationContext context) =>
        [.. health.JudgeStreams(context.Streams, context.Now).GroupBy(s => s.Job).Select(job =>
        {
            var blind = job.Where(s => !s.Unavailable && (
                s.ConsecutiveFailures >= rule.FailuresBeforeAlert
                || (s.ConsecutiveFailures > 0 && Blinding.Contains(s.LastErrorKind))
                || (!s.Fresh && s.LastSuccessAt is not null))).ToList();
            var first = blind.FirstOrDefault();
            var reason = first?.LastErrorKind switch
            {
                "Authentication" => "the admin key is missing, wrong or lacks scopes",
                "InsufficientQuota" => "the organization has no quota left",
                "WrongOrganization" => "the admin key belongs to another organization",
                null when first is not null => "data is stale",
                _ => "polls keep failing",
            };
            var facts = new List<NoticeFact>
            {
                new("Streams", $"{blind.Count} of {job.Count()}: {string.Join(", ", blind.Take(5).Select(s => s.Name))}{(blind.Count > 5 ? ", …" : "")}"),
                new("Last error", first?.LastError ?? "none; no successful poll for too long"),
                new("Last success", first?.LastSuccessAt is { } at ? Display.Minute(at) : "never"),
            };
            return new Observation(
                $"blind|{job.Key}",
                "blind",
                AlertKind.Blind,
                job.Key,
                EvaluationContext.Route(rule.Receivers, defaultReceiver),
                blind.Count > 0 ? ObservedState.Firing : ObservedState.Clear,
                blind.Count > 0 ? 1 : 0,
                blind.Count,
                new NoticeContent(
                    $"Monitoring blind: {job.Key} — {reason}",
                    $"{blind.Count} stream(s) of {job.Key} cannot be trusted: {reason}. Alerts that depend on them are on hold.",
                    facts,
                    Severity.Critical,
                    "blind",
                    null,
                    context.Link("health", "")),
                new AlertTiming(rule.RepeatInterval ?? TimeSpan.FromHours(6), TimeSpan.Zero, null));
        })];
}
