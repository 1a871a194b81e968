namespace UsageAlerts.Notifications;

/// <summary>
/// Caps on one notice's parts, in characters before any channel escaping. They keep any single notice far below
/// both channels' limits (one notice always fits a Teams card and a Slack message), so truncation of a whole message
/// only ever drops notices, never corrupts one.
/// </summary>
internal static class ChatLimits
{
    internal const int Title = 150;
    internal const int Summary = 400;
    internal const int Change = 300;
    internal const int Note = 300;
    internal const int AlertId = 120;
    internal const int FactLabel = 40;
    internal const int FactValue = 150;
    internal const int Organization = 80;

    /// <summary>Slack allows 10 fields in a section; Teams gets the same so both channels show the same numbers.</summary>
    internal const int Facts = 10;

    /// <summary>Items shown per digest list (budgets, projects, models, movers) before "…and N more".</summary>
    internal const int DigestItems = 10;

    /// <summary>The first facts, capped; when some are cut the last slot says how many, so nothing vanishes silently.</summary>
    internal static IReadOnlyList<NoticeFact> CapFacts(IReadOnlyList<NoticeFact> facts)
    {
        var kept = facts.Count <= Facts ? facts : [.. facts.Take(Facts - 1), new NoticeFact("More", $"{facts.Count - (Facts - 1)} more facts on the dashboard")];
        return [.. kept.Select(f => new NoticeFact(ChatText.Truncate(f.Label, FactLabel), ChatText.Truncate(f.Value, FactValue)))];
    }
}
