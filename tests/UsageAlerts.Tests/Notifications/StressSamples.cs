using UsageAlerts.Notifications;

namespace UsageAlerts.Tests.Notifications;

/// <summary>Messages built to hit every limit: many notices, huge strings, and data that is markup in one channel or the other.</summary>
internal static class StressSamples
{
    internal const string Hostile = "Search, Ranking & \"Labs\" <script>alert('x')</script> *[prod](https://evil.example)* _x_ @channel <!here> #general 🚀🔥 \\ ~strike~ `code`";

    internal static readonly string Huge = string.Concat(Enumerable.Repeat("Ranking & <Labs> \"ü\" 🚀 *_[]\\ ", 400));

    /// <summary>200 notices with long project names and ten facts each, as after an outage that let every budget fire at once.</summary>
    internal static ChatMessage Largest { get; } = new("Contoso Holdings International (EMEA Research Division)", NoticeSamples.At, [.. Enumerable.Range(1, 200).Select(Large)], NoticeSamples.Dashboard);

    /// <summary>Markup, escapes, emoji, control characters, a lone surrogate and 10,000-character strings in every field.</summary>
    internal static AlertNotice HostileNotice(int n) => new(
        $"budget:{Hostile}:{n}" + Huge, AlertKind.Budget, NoticeType.Escalated, Severity.Critical,
        Hostile + Huge,
        "line one\nline two\t\0 \ud800 broken " + Hostile + Huge,
        [.. Enumerable.Range(1, 30).Select(i => new NoticeFact($"{Hostile} {i}" + Huge, Huge))],
        Hostile + Huge, new Uri("https://usage.contoso.example/dashboard?project=a&b=<c>"), NoticeSamples.At, null, Hostile + Huge);

    internal static ChatMessage HostileMessage(int notices) =>
        new(Hostile + Huge, NoticeSamples.At, [.. Enumerable.Range(1, notices).Select(HostileNotice)], NoticeSamples.Dashboard);

    internal static DigestMessage HostileDigest
    {
        get
        {
            var list = Enumerable.Range(1, 200).Select(i => new NoticeFact($"{Hostile} {i} {Huge}", Huge)).ToList();
            return new(Hostile + Huge, Hostile + Huge, NoticeSamples.At, list, list, list, list, list, NoticeSamples.Dashboard);
        }
    }

    /// <summary>A notice whose title is markup in both channels.</summary>
    internal static ChatMessage HostileTitle => NoticeSamples.Single(NoticeSamples.BudgetFiring with { Title = Hostile });

    /// <summary>No dashboard link, and a notice link no chat client should open.</summary>
    internal static ChatMessage WithoutSafeLinks =>
        NoticeSamples.Grouped with { DashboardLink = null, Notices = [NoticeSamples.Spike with { Link = new Uri("javascript:alert(1)") }] };

    private static AlertNotice Large(int n) => new(
        $"budget:proj_{n:000}-monthly:actual:2026-11", AlertKind.Budget, NoticeType.Firing, n <= 50 ? Severity.Critical : Severity.Warning,
        $"Budget Customer Success Automation Platform – EMEA Region Team {n:000} – monthly at {100 + n} % of $2,000.00",
        $"Customer Success Automation Platform – EMEA Region Team {n:000} has spent ${2000 + (n * 20):N2} of its $2,000.00 monthly budget with 7 days left.",
        [.. Enumerable.Range(1, 10).Select(i => new NoticeFact($"Fact {i}", $"${i * 1000 + n:N2} for Customer Success Automation Platform – EMEA Region Team {n:000}"))],
        $"Up from {90 + n} % at the last message.", new Uri($"https://usage.contoso.example/dashboard?project=proj_{n:000}"),
        new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), null, null);
}
