namespace UsageAlerts.Notifications;

/// <summary>
/// One alert's news for one message: what fired (or cleared), the numbers people need, and where to look.
/// Renderers turn a list of these into a Teams card or a Slack message; they add nothing but layout.
/// </summary>
/// <param name="AlertId">Stable identity (rule + scope + period), shown small for support and dedup.</param>
/// <param name="Title">Severity and what crossed what, e.g. "Budget Research – monthly at 104 % of $2,000.00".</param>
/// <param name="Summary">One sentence for the notification preview and the Slack fallback text.</param>
/// <param name="Facts">Labelled numbers in display form ("Spent" → "$2,081.30"), in the order to show them.</param>
/// <param name="Change">What changed since the last message about this alert, when there was one.</param>
/// <param name="Link">The dashboard (or summary) for this alert's scope, when a public base URL is configured.</param>
/// <param name="FiredAt">When the alert first fired.</param>
/// <param name="FiredFor">For resolved notices: how long it was firing.</param>
/// <param name="Note">A caveat the reader must know (e.g. "Tokens per minute are input + output; OpenAI also counts requested max tokens").</param>
internal sealed record AlertNotice(
    string AlertId,
    AlertKind Kind,
    NoticeType Type,
    Severity Severity,
    string Title,
    string Summary,
    IReadOnlyList<NoticeFact> Facts,
    string? Change,
    Uri? Link,
    DateTimeOffset FiredAt,
    TimeSpan? FiredFor,
    string? Note);

/// <summary>A label and its value, both already formatted for people.</summary>
internal sealed record NoticeFact(string Label, string Value);

internal enum AlertKind
{
    Budget,
    Spike,
    RateLimit,
    Blind,

    /// <summary>A scope heading for its hard spend limit at OpenAI.</summary>
    HardLimit,

    /// <summary>What enforcing a budget through OpenAI's hard limit did, or in a dry run would do.</summary>
    Enforcement,
}

internal enum NoticeType
{
    /// <summary>The alert started firing.</summary>
    Firing,

    /// <summary>Still firing, and a higher threshold was crossed.</summary>
    Escalated,

    /// <summary>Still firing; the repeat interval passed.</summary>
    Reminder,

    /// <summary>The condition cleared after a delivered firing.</summary>
    Resolved,

    /// <summary>One-off news with no alert behind it (a hard limit changed at OpenAI): never stale, never resolved.</summary>
    Report,
}

internal enum Severity
{
    Info,
    Warning,
    Critical,
}
