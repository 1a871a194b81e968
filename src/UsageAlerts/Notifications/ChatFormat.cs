using System.Globalization;

namespace UsageAlerts.Notifications;

/// <summary>How times and states read in chat: UTC always, because a channel's readers sit in many time zones.</summary>
internal static class ChatFormat
{
    internal static string Utc(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"45 min", "2 h 15 min", "3 d 4 h": two units at most, enough to judge how long something lasted.</summary>
    internal static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return "less than a minute";
        }

        var days = (int)span.TotalDays;
        if (days > 0)
        {
            return span.Hours > 0 ? $"{days} d {span.Hours} h" : $"{days} d";
        }

        if (span.Hours > 0)
        {
            return span.Minutes > 0 ? $"{span.Hours} h {span.Minutes} min" : $"{span.Hours} h";
        }

        return $"{span.Minutes} min";
    }

    /// <summary>The state line under a title, e.g. "Critical · escalated · firing since 2026-11-24 08:00 UTC".</summary>
    internal static string State(AlertNotice notice) => notice.Type switch
    {
        NoticeType.Resolved when notice.FiredFor is { } firedFor => $"Resolved after {Duration(firedFor)} · first fired {Utc(notice.FiredAt)}",
        NoticeType.Resolved => $"Resolved · first fired {Utc(notice.FiredAt)}",
        NoticeType.Escalated => $"{notice.Severity} · escalated · firing since {Utc(notice.FiredAt)}",
        NoticeType.Reminder => $"{notice.Severity} · still firing since {Utc(notice.FiredAt)}",
        NoticeType.Report => $"{notice.Severity} · report · {Utc(notice.FiredAt)}",
        _ => $"{notice.Severity} · firing since {Utc(notice.FiredAt)}",
    };

    /// <summary>"2 firing · 1 resolved · 1 report": the mix of a grouped message at a glance.</summary>
    internal static string Mix(IReadOnlyList<AlertNotice> notices)
    {
        var resolved = notices.Count(n => n.Type == NoticeType.Resolved);
        var reports = notices.Count(n => n.Type == NoticeType.Report);
        var firing = notices.Count - resolved - reports;
        var parts = new List<string>();
        if (firing > 0 || (resolved == 0 && reports == 0))
        {
            parts.Add($"{firing} firing");
        }

        if (resolved > 0)
        {
            parts.Add($"{resolved} resolved");
        }

        if (reports > 0)
        {
            parts.Add(reports == 1 ? "1 report" : $"{reports} reports");
        }

        return string.Join(" · ", parts);
    }

    /// <summary>Only web links are rendered: a link is a button people click, so nothing else belongs there.</summary>
    internal static string? WebLink(Uri? link) =>
        link is { IsAbsoluteUri: true } && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp) ? link.AbsoluteUri : null;
}
