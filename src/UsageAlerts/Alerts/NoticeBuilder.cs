using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts;

/// <summary>Words an announcement: the observation's content plus what changed since the last message.</summary>
internal static class NoticeBuilder
{
    /// <param name="previousLabel">The level receivers last heard of, for "Up from …".</param>
    public static AlertNotice Build(AlertState state, NoticeType type, Observation? observation, string? previousLabel, DateTimeOffset now)
    {
        var firedAt = state.FiredAt ?? now;
        var change = type switch
        {
            NoticeType.Escalated => $"Up from {previousLabel ?? "a lower threshold"}.",
            NoticeType.Reminder => $"Still firing since {Display.Minute(firedAt)}.",
            NoticeType.Resolved when state.ResolveReason == AlertDecider.RuleRemoved => $"The rule was removed, so this alert is closed after {Display.Duration(now - firedAt)}.",
            NoticeType.Resolved when state.ResolveReason == AlertDecider.NotObserved => $"No longer observed (scope edited, cap removed or data gone), so this alert is closed after {Display.Duration(now - firedAt)}.",
            NoticeType.Resolved => $"Back below the threshold after {Display.Duration(now - firedAt)}.",
            _ => null,
        };
        if (observation is not { } seen)
        {
            // Nothing observed now (a recovered announcement, a removed rule): say what the stored state knows.
            var title = state.Title ?? state.Id.Value;
            return new AlertNotice(state.Id.Value, state.Kind, type, type == NoticeType.Resolved ? Severity.Info : state.Severity,
                type == NoticeType.Resolved ? "Resolved: " + title : title, title, [new NoticeFact("Scope", state.Scope)], change, null, firedAt,
                type == NoticeType.Resolved ? now - firedAt : null, null);
        }

        var content = seen.Content;
        return new AlertNotice(seen.AlertId.Value, seen.Kind, type, type == NoticeType.Resolved ? Severity.Info : content.Severity,
            type == NoticeType.Resolved ? "Resolved: " + content.Title : content.Title, content.Summary, content.Facts, change, content.Link, firedAt,
            type == NoticeType.Resolved ? now - firedAt : null, content.Note);
    }
}
