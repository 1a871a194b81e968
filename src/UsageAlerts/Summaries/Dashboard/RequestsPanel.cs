using Microsoft.Extensions.Options;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>Model requests by model, stacked by project: the busiest models first.</summary>
internal sealed class RequestsPanel(IOptions<SummaryOptions> options) : IDashboardPanel
{
    private const int MaxModels = 12;

    public int Order => 300;

    public ValueTask<DashboardPanel?> RenderAsync(DashboardData data, CancellationToken cancellationToken)
    {
        const string title = "Requests by model and project";
        var cells = data.ByModelAndProject.Groups()
            .Select(g => (Model: g.Key.First, Project: g.Key.Second, Requests: g.Value.Headline(HeadlineMetric.ModelRequests)))
            .Where(c => c.Requests > 0)
            .ToList();
        if (cells.Count == 0)
        {
            return ValueTask.FromResult<DashboardPanel?>(new("requests", title, PanelHtml.Empty("No model requests in this range.")));
        }

        var models = cells.GroupBy(c => c.Model ?? "(no model)", StringComparer.Ordinal)
            .Select(m => (Name: m.Key, Requests: m.Sum(c => c.Requests)))
            .OrderByDescending(m => m.Requests).ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        var shown = models.Take(MaxModels).Select((m, i) => (m.Name, i)).ToDictionary(m => m.Name, m => m.i, StringComparer.Ordinal);
        var series = SeriesFolding.Fold(
            shown.Count,
            cells.Where(c => shown.ContainsKey(c.Model ?? "(no model)")).Select(c => (shown[c.Model ?? "(no model)"], c.Project, (double)c.Requests)),
            options.Value.MaxChartSeries,
            data.ProjectName,
            (project, _) => data.ProjectColor(project));
        var chart = HorizontalBarChart.Render(new BarChartData(
            title, [.. shown.Keys], series, v => HumanFormat.Count(v) + " requests", HumanFormat.Count, Stacked: true, Width: PanelHtml.HalfPanelWidth));
        var caption = models.Count > MaxModels
            ? $"The {MaxModels} busiest of {models.Count} models; {HumanFormat.Count(models.Skip(MaxModels).Sum(m => m.Requests))} requests to the others are not shown."
            : $"{HumanFormat.Count(models.Sum(m => m.Requests))} requests to {models.Count} models.";
        return ValueTask.FromResult<DashboardPanel?>(new("requests", title, chart + PanelHtml.Legend(series) + PanelHtml.Caption(caption)));
    }
}
