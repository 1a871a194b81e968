namespace UsageAlerts.Notifications.Teams;

/// <summary>Container styles and text colours share one vocabulary in Adaptive Cards 1.4: good, warning, attention, accent.</summary>
internal static class TeamsStyle
{
    internal static string For(AlertNotice notice) => notice.Type == NoticeType.Resolved
        ? "good"
        : notice.Severity switch
        {
            Severity.Critical => "attention",
            Severity.Warning => "warning",
            _ => "accent",
        };
}
