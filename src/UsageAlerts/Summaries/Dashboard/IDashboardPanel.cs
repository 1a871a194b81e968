namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// One section of the dashboard, registered in DI. Sections appear by <see cref="Order"/>; the charts use 100 and up,
/// so status sections such as budget gauges take a lower order to sit above them. A panel that returns null is left
/// out entirely, with no placeholder: that is how a section with nothing to show (no budgets configured) stays hidden.
/// </summary>
internal interface IDashboardPanel
{
    int Order { get; }

    ValueTask<DashboardPanel?> RenderAsync(DashboardData data, CancellationToken cancellationToken);
}

/// <summary>A rendered section: <see cref="Body"/> is HTML whose data-derived text is already encoded.</summary>
internal sealed record DashboardPanel(string Id, string Title, string Body, bool Wide = false);
