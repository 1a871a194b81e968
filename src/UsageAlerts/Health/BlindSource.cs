using Microsoft.Extensions.Options;
using UsageAlerts.Alerts;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Notifications;
using UsageAlerts.Rules;

namespace UsageAlerts.Health;

/// <summary>
/// Monitoring that cannot see is an alert too: per polling job, fires when a stream keeps failing, the admin key is
/// rejected or quota is gone, or data went stale after having been fresh. And per receiver, fires when its webhook
/// refuses our messages (dead letters, newer than its last delivery); that alert goes to the other receivers, since
/// the refusing one would not show it.
/// </summary>
internal sealed class BlindSource(HealthService health, ReceiverStore receivers, IOptions<AlertingOptions> options) : IAlertSource
{
    private static readonly string[] Blinding = ["Authentication", "InsufficientQuota", "WrongOrganization"];

    public async Task<IReadOnlyList<Observation>> ObserveAsync(RulesDocument rules, EvaluationContext context, CancellationToken cancellationToken)
    {
        if (rules.Blind is not { } rule)
        {
            return [];
        }

        var timing = new AlertTiming(rule.RepeatInterval ?? TimeSpan.FromHours(6), options.Value.BlindResolveDelay, null);
        var states = (await receivers.GetAllAsync(cancellationToken)).ToDictionary(s => s.RowKey, StringComparer.Ordinal);
        var route = EvaluationContext.Route(rule.Receivers, rules.DefaultReceiver);
        return [.. Streams(rule, route, timing, context), .. rules.Receivers.Select(r => DeadLetters(r.Name, rules, route, states.GetValueOrDefault(Storage.KeyEncoder.Segment(r.Name)), timing, context))];
    }

    private IEnumerable<Observation> Streams(BlindRule rule, IReadOnlyList<string> route, AlertTiming timing, EvaluationContext context) =>
        health.JudgeStreams(context.Streams, context.Now).GroupBy(s => s.Job).Select(job =>
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
                AlertId.Blind(job.Key),
                BlindRule.Key,
                BlindRule.Key,
                AlertKind.Blind,
                job.Key,
                route,
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
                timing);
        });

    /// <summary>Told to the blind rule's receivers but the refusing one; with none left, to every other receiver.</summary>
    private static Observation DeadLetters(string receiver, RulesDocument rules, IReadOnlyList<string> route, ReceiverStateEntity? state, AlertTiming timing, EvaluationContext context)
    {
        var others = route.Where(r => r != receiver).ToList();
        others = others.Count > 0 ? others : [.. rules.Receivers.Select(r => r.Name).Where(r => r != receiver)];
        var refusing = state?.Refusing == true;
        var facts = new List<NoticeFact>
        {
            new("Receiver", receiver),
            new("Refused at", state?.LastRejectedAt is { } at ? Display.Minute(at) : "never"),
            new("Reason", state?.LastRejectedReason ?? "none"),
        };
        return new Observation(
            AlertId.DeadLetters(receiver),
            BlindRule.Key,
            BlindRule.Key,
            AlertKind.Blind,
            receiver,
            others,
            refusing ? ObservedState.Firing : ObservedState.Clear,
            refusing ? 1 : 0,
            refusing ? 1 : 0,
            new NoticeContent(
                $"Messages to {receiver} are refused",
                $"The webhook of {receiver} refused a message ({state?.LastRejectedReason}); it is kept as a dead letter and its alerts did not reach that channel.",
                facts,
                Severity.Critical,
                "refused",
                null,
                context.Link("health", "")),
            timing);
    }
}
