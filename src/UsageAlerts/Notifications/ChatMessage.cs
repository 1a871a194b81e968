namespace UsageAlerts.Notifications;

/// <summary>
/// Everything one receiver gets from one evaluation: one message, however many alerts changed, so a team is
/// never flooded. <see cref="Notices"/> is ordered most severe first.
/// </summary>
internal sealed record ChatMessage(string Organization, DateTimeOffset At, IReadOnlyList<AlertNotice> Notices, Uri? DashboardLink);

/// <summary>A scheduled summary for chat: yesterday, month to date against budgets, top spenders, biggest movers.</summary>
/// <param name="Headline">Figures in display form, e.g. "Yesterday" → "$412.08 (+12 % vs the day before)".</param>
/// <param name="Budgets">One line per budget: name, spent of amount, percent, forecast.</param>
/// <param name="TopProjects">Name and amount, largest first.</param>
/// <param name="TopModels">Name and amount (tokens or dollars, formatted), largest first.</param>
/// <param name="Movers">Name and change, largest absolute change first.</param>
internal sealed record DigestMessage(
    string Organization,
    string Title,
    DateTimeOffset At,
    IReadOnlyList<NoticeFact> Headline,
    IReadOnlyList<NoticeFact> Budgets,
    IReadOnlyList<NoticeFact> TopProjects,
    IReadOnlyList<NoticeFact> TopModels,
    IReadOnlyList<NoticeFact> Movers,
    Uri? DashboardLink);
