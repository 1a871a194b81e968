using System.Text;
using Microsoft.Extensions.Options;
using UsageAlerts.Storage;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>The projects whose spend changed most against the equally long period just before.</summary>
internal sealed class MoversPanel(IOptions<SummaryOptions> options) : IDashboardPanel
{
    public int Order => 500;

    public ValueTask<DashboardPanel?> RenderAsync(DashboardData data, CancellationToken cancellationToken)
    {
        var previousRange = data.Query.Range.Previous;
        var title = "Top movers vs previous " + data.Query.Range.Days + " days";
        if (!data.PreviousComparable)
        {
            var why = $"Not comparable: the previous period ({Periods.Format(previousRange.From)} to {Periods.Format(previousRange.To.AddDays(-1))}) "
                + (data.DataStart is { } start ? $"begins before the first stored day; data starts {Periods.Format(start)}." : "has no stored costs.");
            return ValueTask.FromResult<DashboardPanel?>(new("movers", title, PanelHtml.Empty(why)));
        }

        var current = data.ByProject.Groups().Where(g => g.Value.CostRows > 0).ToDictionary(g => g.Key.First ?? "", g => g.Value.CostUsd, StringComparer.Ordinal);
        var previous = data.PreviousByProject.Groups().Where(g => g.Value.CostRows > 0).ToDictionary(g => g.Key.First ?? "", g => g.Value.CostUsd, StringComparer.Ordinal);
        var movers = current.Keys.Union(previous.Keys)
            .Select(id => (Id: id, Previous: previous.GetValueOrDefault(id), Current: current.GetValueOrDefault(id)))
            .Where(m => m.Current != m.Previous)
            .OrderByDescending(m => Math.Abs(m.Current - m.Previous)).ThenBy(m => m.Id, StringComparer.Ordinal)
            .Take(options.Value.TopMovers)
            .ToList();
        if (movers.Count == 0)
        {
            return ValueTask.FromResult<DashboardPanel?>(new("movers", title, PanelHtml.Empty("No change in spend by project against the previous period.")));
        }

        var html = new StringBuilder("<table class=\"movers\"><thead><tr><th>Project</th><th>Previous</th><th>This period</th><th>Change</th></tr></thead><tbody>");
        foreach (var (id, before, now) in movers)
        {
            var project = id.Length == 0 ? null : id;
            var delta = now - before;
            var percent = HumanFormat.Change(before, now) ?? "new";
            html.Append("<tr><td>").Append(Html.Encode(data.ProjectLabel(project)))
                .Append("</td><td>").Append(Html.Encode(HumanFormat.Usd(before)))
                .Append("</td><td>").Append(Html.Encode(HumanFormat.Usd(now)))
                .Append("</td><td class=\"").Append(delta > 0 ? "up" : "down").Append("\">")
                .Append(delta > 0 ? "▲ +" : "▼ ").Append(Html.Encode(HumanFormat.Usd(delta))).Append(" (").Append(Html.Encode(percent)).Append(")</td></tr>");
        }

        html.Append("</tbody></table>");
        var caption = $"Previous period: {Periods.Format(previousRange.From)} to {Periods.Format(previousRange.To.AddDays(-1))}.";
        return ValueTask.FromResult<DashboardPanel?>(new("movers", title, html + PanelHtml.Caption(caption)));
    }
}
