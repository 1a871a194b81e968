using Microsoft.Extensions.Options;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>Each project's share of spend; projects under the "other" threshold are folded together.</summary>
internal sealed class SharePanel(IOptions<SummaryOptions> options) : IDashboardPanel
{
    public int Order => 400;

    public ValueTask<DashboardPanel?> RenderAsync(DashboardData data, CancellationToken cancellationToken)
    {
        const string title = "Share of spend by project";
        var projects = data.ByProject.Groups().Where(g => g.Value.CostUsd > 0).OrderByDescending(g => g.Value.CostUsd).ToList();
        var total = projects.Sum(g => g.Value.CostUsd);
        if (total <= 0)
        {
            return ValueTask.FromResult<DashboardPanel?>(new("share", title, PanelHtml.Empty("No spend in this range.")));
        }

        var threshold = (decimal)options.Value.OtherShareThreshold;
        var main = projects.Where(g => g.Value.CostUsd / total >= threshold).ToList();
        var small = projects.Where(g => g.Value.CostUsd / total < threshold).ToList();
        var slices = main.Select(g => Slice(data.ProjectName(g.Key.First), g.Value.CostUsd, total, data.ProjectColor(g.Key.First))).ToList();
        if (small.Count > 0)
        {
            var name = small.Count == 1 ? data.ProjectName(small[0].Key.First) : $"{SeriesFolding.OtherName} ({small.Count} projects)";
            slices.Add(Slice(name, small.Sum(g => g.Value.CostUsd), total, Palette.Other));
        }

        var chart = DonutChart.Render(title, slices);
        var legend = PanelHtml.Legend(slices.Select(s => (s.Color, s.Label)));
        var caption = small.Count > 1
            ? $"Projects under {HumanFormat.Percent(options.Value.OtherShareThreshold)} of spend are folded into \"{SeriesFolding.OtherName}\"."
            : $"{projects.Count} project(s) with spend.";
        return ValueTask.FromResult<DashboardPanel?>(new("share", title, $"<div class=\"donut\">{chart}{legend}</div>{PanelHtml.Caption(caption)}"));
    }

    private static ChartSlice Slice(string name, decimal amount, decimal total, string color) =>
        new(name, (double)amount, color, $"{name}: {HumanFormat.Usd(amount)} ({HumanFormat.Percent((double)(amount / total))})");
}
