using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts;

/// <summary>Words an announcement: the observation's content plus what changed since the last message.</summary>
internal static class NoticeBuilder
{
    public static AlertNotice Build(AlertStateEntity state, NoticeType type, Observation? observation, string? previousLevel, DateTimeOffset now)
    {
        var firedAt = state.FiredAt ?? now;
        var change = type switch
        {
            NoticeType.Escalated => $"Up from {previousLevel ?? "a lower threshold"}.",
            NoticeType.Reminder => $"Still firing since {Display.Minute(firedAt)}.",
            NoticeType.Resolved => $"Back below the threshold after {Display.Duration(now - firedAt)}.",
            _ => null,
        };
        if (observation is not { } seen)
        {
            // Recovering an announcement whose observation is gone: say what the stored state knows.
            return new AlertNotice(state.AlertId, Enum.Parse<AlertKind>(state.Kind), type, Enum.TryParse<Severity>(state.Severity, out var s) ? s : Severity.Warning,
                state.Title ?? state.AlertId, state.Title ?? state.AlertId, [new NoticeFact("Scope", state.Scope)], change, null, firedAt, type == NoticeType.Resolved ? now - firedAt : null, null);
        }

        var content = seen.Content;
        var title = type == NoticeType.Resolved ? "Resolved: " + content.Title : content.Title;
        var severity = type == NoticeType.Resolved ? Severity.Info : content.Severity;
        return new AlertNotice(seen.AlertId, seen.Kind, type, severity, title, content.Summary, content.Facts, change, content.Link, firedAt, type == NoticeType.Resolved ? now - firedAt : null, content.Note);
    }
}
