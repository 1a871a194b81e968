using Microsoft.Extensions.Options;
using UsageAlerts.Storage;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>Cost per day (or week) stacked by line item or project; today's bar is lighter because it is provisional.</summary>
internal sealed class CostPanel(IOptions<SummaryOptions> options) : IDashboardPanel
{
    public int Order => 100;

    public ValueTask<DashboardPanel?> RenderAsync(DashboardData data, CancellationToken cancellationToken)
    {
        var query = data.Query;
        var stackName = query.Stack == Dimension.Project ? "project" : "line item";
        var title = $"Cost per {query.Period.Name()} by {stackName}";
        var periods = query.Periods();
        var groups = data.CostByPeriod.Groups().Where(g => g.Value.CostRows > 0).ToList();
        if (groups.Count == 0)
        {
            return ValueTask.FromResult<DashboardPanel?>(new("cost", title, PanelHtml.Empty("No cost data in this range."), Wide: true));
        }

        var index = periods.Select((start, i) => (Key: Periods.Format(start), i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        var series = SeriesFolding.Fold(
            periods.Count,
            groups.Select(g => (index[g.Key.First!], g.Key.Second, (double)g.Value.CostUsd)),
            options.Value.MaxChartSeries,
            key => query.Stack == Dimension.Project ? data.ProjectName(key) : key ?? "(no line item)",
            (key, rank) => query.Stack == Dimension.Project ? data.ProjectColor(key) : Palette.At(rank));
        var today = periods.Select((start, i) => (start, i)).Where(p => p.start <= data.Today && data.Today < Periods.EndOf(p.start, query.Period)).Select(p => p.i).ToHashSet();
        var chart = BarChart.Render(new BarChartData(
            title,
            [.. periods.Select(p => PanelHtml.PeriodLabel(p, query.Period))],
            series,
            v => HumanFormat.Usd((decimal)v),
            HumanFormat.UsdShort,
            Stacked: true,
            today));

        var total = data.CostByPeriod.Total;
        var caption = $"Total {HumanFormat.Usd(total.CostUsd)}" + (total.ProvisionalCostUsd != 0 || total.ProvisionalCostRows > 0
            ? $", of which {HumanFormat.Usd(total.ProvisionalCostUsd)} is provisional (today, lighter bar; costs lag)"
            : ", all billed") + (total.EstimatedCostRows > 0
            ? $"; {HumanFormat.Usd(total.EstimatedCostUsd)} is estimated from usage where OpenAI's bill lags."
            : ".");
        return ValueTask.FromResult<DashboardPanel?>(new("cost", title, chart + PanelHtml.Legend(series) + PanelHtml.Caption(caption), Wide: true));
    }
}
