using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts;

/// <summary>
/// What one evaluation saw for one alert identity. <see cref="Level"/> is the index (1-based) of the highest
/// threshold crossed, 0 when clear; <see cref="ObservedState.Unknown"/> means the data could not be trusted
/// (a failed or stale poll) and must change nothing.
/// </summary>
internal sealed record Observation(
    AlertId AlertId,
    string RuleKey,
    string Rule,
    AlertKind Kind,
    string Scope,
    IReadOnlyList<string> Receivers,
    ObservedState State,
    int Level,
    decimal Value,
    NoticeContent Content,
    AlertTiming Timing);

internal enum ObservedState
{
    Firing,
    Clear,
    Unknown,
}

/// <summary>How the alert's notice reads at this moment (titles and facts already formatted).</summary>
internal sealed record NoticeContent(string Title, string Summary, IReadOnlyList<NoticeFact> Facts, Severity Severity, string LevelLabel, string? Note, Uri? Link);

/// <param name="Repeat">A still-firing alert is repeated after this long.</param>
/// <param name="ResolveAfter">A clear condition must last this long before the alert resolves (damps flapping).</param>
/// <param name="ExpiresAt">Budget alerts belong to a period: after it they close without a message.</param>
internal sealed record AlertTiming(TimeSpan Repeat, TimeSpan ResolveAfter, DateTimeOffset? ExpiresAt)
{
    public static readonly TimeSpan DefaultRepeat = TimeSpan.FromDays(1);
}
