using UsageAlerts.Notifications;

namespace UsageAlerts.Tests.Notifications;

/// <summary>Realistic notices, one per kind and type, as alert evaluation would produce them for Contoso in November 2026.</summary>
internal static class NoticeSamples
{
    internal static readonly DateTimeOffset At = new(2026, 11, 24, 9, 15, 0, TimeSpan.Zero);
    internal static readonly Uri Dashboard = new("https://usage.contoso.example/dashboard");

    internal static AlertNotice BudgetFiring => new(
        "budget:research-monthly:actual:2026-11", AlertKind.Budget, NoticeType.Firing, Severity.Critical,
        "Budget Research – monthly at 104 % of $2,000.00",
        "Research has spent $2,081.30 of its $2,000.00 monthly budget with 7 days left.",
        [new("Spent", "$2,081.30"), new("Budget", "$2,000.00"), new("Forecast", "$3,410.00"), new("Period", "2026-11 (7 days left)"), new("Scope", "project Research")],
        null, Link("project=proj_research&period=2026-11"), new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), null, null);

    internal static AlertNotice ForecastEscalated => new(
        "budget:search-labs-monthly:forecast:2026-11", AlertKind.Budget, NoticeType.Escalated, Severity.Critical,
        "Budget Search, Ranking & \"Labs\" – monthly forecast at 152 % of $5,000.00",
        "At this month's pace Search, Ranking & \"Labs\" will spend $7,612.90 against a $5,000.00 budget.",
        [new("Spent", "$3,120.44"), new("Budget", "$5,000.00"), new("Forecast", "$7,612.90 (152 %)"), new("Period", "2026-11 (7 days left)"), new("Scope", "project Search, Ranking & \"Labs\"")],
        "Forecast crossed 150 %: it was 121 % at the last message (2026-11-21 09:00 UTC).",
        Link("project=proj_search_labs&period=2026-11"), new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero), null, null);

    internal static AlertNotice BudgetReminder => new(
        "budget:org-monthly:actual:2026-11", AlertKind.Budget, NoticeType.Reminder, Severity.Warning,
        "Budget Organization – monthly at 85 % of $20,000.00",
        "The organization has spent $17,012.55 of its $20,000.00 monthly budget with 7 days left.",
        [new("Spent", "$17,012.55"), new("Budget", "$20,000.00"), new("Forecast", "$21,880.00"), new("Period", "2026-11 (7 days left)"), new("Scope", "organization")],
        "Up from 81 % a day ago.", Link("period=2026-11"), new(2026, 11, 20, 14, 0, 0, TimeSpan.Zero), null, null);

    internal static AlertNotice BudgetResolved => new(
        "budget:research-daily:actual:2026-11-23", AlertKind.Budget, NoticeType.Resolved, Severity.Warning,
        "Budget Research – daily back under $150.00",
        "Research's daily spend is back under budget after a refund of $64.20.",
        [new("Spent", "$131.75"), new("Budget", "$150.00"), new("Period", "2026-11-23"), new("Scope", "project Research")],
        null, Link("project=proj_research&day=2026-11-23"), new(2026, 11, 23, 21, 30, 0, TimeSpan.Zero), new TimeSpan(2, 15, 0), null);

    internal static AlertNotice Spike => new(
        "spike:support-bot:daily:2026-11-23", AlertKind.Spike, NoticeType.Firing, Severity.Warning,
        "Spend spike: Support Bot at $412.08 yesterday, 3.4× its 14-day median",
        "Support Bot spent $412.08 on 2026-11-23, 3.4 times its usual day; gpt-4.1 accounts for most of it.",
        [new("Yesterday", "$412.08"), new("14-day median", "$121.20"), new("Ratio", "3.4×"), new("Top model", "gpt-4.1 ($301.77)"), new("Scope", "project Support Bot")],
        null, Link("project=proj_support_bot&day=2026-11-23"), new(2026, 11, 24, 6, 0, 0, TimeSpan.Zero), null, null);

    internal static AlertNotice RateLimit => new(
        "rate-limit:gpt-4.1:tpm", AlertKind.RateLimit, NoticeType.Firing, Severity.Warning,
        "Rate limit: gpt-4.1 tokens per minute at 92 % of 2M",
        "gpt-4.1 peaked at 1.84M tokens per minute between 08:00 and 09:00 UTC, 92 % of the organization's limit.",
        [new("Peak", "1.84M tokens/min"), new("Limit", "2M tokens/min"), new("Headroom", "160K tokens/min"), new("Window", "2026-11-24 08:00–09:00 UTC"), new("Scope", "model gpt-4.1")],
        null, Link("model=gpt-4.1"), new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), null,
        "Tokens per minute are input + output; OpenAI also counts requested max tokens, so real headroom may be smaller.");

    internal static AlertNotice Blind => new(
        "blind:admin-key", AlertKind.Blind, NoticeType.Firing, Severity.Critical,
        "Monitoring is blind: OpenAI rejected the admin key",
        "Costs and usage have not been read since 2026-11-24 06:00 UTC, so budgets are not being checked.",
        [new("Last success", "2026-11-24 06:00 UTC"), new("Failing", "costs and 10 usage streams"), new("Error", "401 invalid_api_key")],
        null, new Uri("https://usage.contoso.example/health"), new(2026, 11, 24, 6, 15, 0, TimeSpan.Zero), null,
        "Create a new admin key in the OpenAI organization settings and update the Key Vault secret openai-admin-key.");

    internal static AlertNotice HardLimitCutoff => new(
        "hardlimit|proj_research", AlertKind.HardLimit, NoticeType.Firing, Severity.Critical,
        "Project Research reaches its hard limit of $5,000.00 in about 9 h",
        "Project Research reaches its hard limit of $5,000.00 in about 9 h (around 2026-11-24 18:20 UTC): its API requests will then fail.",
        [new("Spent this month", "$4,412.60 (88 %)"), new("Hard limit", "$5,000.00 (enforcing at OpenAI)"), new("Run-rate", "$65.27 per hour (yesterday and today so far)"), new("Limit reached", "2026-11-24 18:20 UTC"), new("Month", "2026-11 (6.6 days left)"), new("Scope", "Research (proj_research)")],
        null, new Uri("https://usage.contoso.example/api/budgets"), new(2026, 11, 24, 9, 10, 0, TimeSpan.Zero), null,
        "Includes $212.40 estimated from usage where OpenAI's bill lags.");

    internal static AlertNotice EnforcementReport => new(
        "enforce|research-monthly", AlertKind.Enforcement, NoticeType.Report, Severity.Info,
        "Project Research (proj_research): hard limit at OpenAI set to $5,000.00 by budget \"Research – monthly\"",
        "Set the hard limit at OpenAI from $4,000.00 to $5,000.00.",
        [new("Budget", "Research – monthly: $5,000.00 a month"), new("Hard limit at OpenAI", "$5,000.00 (was $4,000.00)"), new("Mode", "enforcing"), new("Scope", "project Research (proj_research)")],
        null, new Uri("https://usage.contoso.example/api/budgets"), At, null, null);

    internal static ChatMessage Single(AlertNotice notice) => new("Contoso", At, [notice], Dashboard);

    /// <summary>Four mixed notices, most severe first, as evaluation sorts them.</summary>
    internal static ChatMessage Grouped => new("Contoso", At, [Blind, BudgetFiring, RateLimit, BudgetResolved], Dashboard);

    internal static DigestMessage Digest => new(
        "Contoso", "Daily digest", At,
        [new("Yesterday", "$412.08 (+12 % vs the day before)"), new("Month to date", "$17,012.55"), new("Forecast for November", "$21,880.00")],
        [new("Organization – monthly", "$17,012.55 of $20,000.00 (85 %), forecast $21,880.00"), new("Research – monthly", "$2,081.30 of $2,000.00 (104 %), forecast $3,410.00"), new("Search, Ranking & \"Labs\" – monthly", "$3,120.44 of $5,000.00 (62 %), forecast $7,612.90")],
        [new("Search, Ranking & \"Labs\"", "$3,120.44"), new("Research", "$2,081.30"), new("Support Bot", "$1,904.18")],
        [new("gpt-4.1", "$6,210.40 · 1.2B tokens"), new("gpt-4.1-mini", "$1,032.77 · 2.9B tokens"), new("text-embedding-3-large", "$88.10 · 680M tokens")],
        [new("Support Bot", "+$290.88 vs the 14-day median"), new("Research", "−$45.10 vs the 14-day median")],
        Dashboard);

    internal static IReadOnlyDictionary<string, object> All { get; } = new Dictionary<string, object>
    {
        ["budget-firing"] = Single(BudgetFiring),
        ["budget-forecast-escalated"] = Single(ForecastEscalated),
        ["budget-reminder"] = Single(BudgetReminder),
        ["budget-resolved"] = Single(BudgetResolved),
        ["spike"] = Single(Spike),
        ["rate-limit"] = Single(RateLimit),
        ["blind"] = Single(Blind),
        ["hard-limit-cutoff"] = Single(HardLimitCutoff),
        ["enforcement-report"] = Single(EnforcementReport),
        ["grouped"] = Grouped,
        ["digest"] = Digest,
    };

    internal static string Render(IChatRenderer renderer, object message) => message switch
    {
        ChatMessage chat => renderer.Render(chat).Body,
        DigestMessage digest => renderer.Render(digest),
        _ => throw new ArgumentException("not a message", nameof(message)),
    };

    private static Uri Link(string query) => new("https://usage.contoso.example/dashboard?" + query);
}
