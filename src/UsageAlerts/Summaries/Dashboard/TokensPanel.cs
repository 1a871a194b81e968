using UsageAlerts.Storage;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>Input against output tokens per day (or week), side by side.</summary>
internal sealed class TokensPanel : IDashboardPanel
{
    public int Order => 200;

    public ValueTask<DashboardPanel?> RenderAsync(DashboardData data, CancellationToken cancellationToken)
    {
        var query = data.Query;
        var title = $"Input vs output tokens per {query.Period.Name()}";
        var periods = query.Periods();
        var byPeriod = data.ByPeriod.Groups().ToDictionary(g => g.Key.First!, g => g.Value, StringComparer.Ordinal);
        double Tokens(DateOnly start, HeadlineMetric metric) => byPeriod.TryGetValue(Periods.Format(start), out var totals) ? totals.Headline(metric) : 0;
        ChartSeries[] series =
        [
            new("Input tokens", Palette.At(0), [.. periods.Select(p => Tokens(p, HeadlineMetric.InputTokens))]),
            new("Output tokens", Palette.At(1), [.. periods.Select(p => Tokens(p, HeadlineMetric.OutputTokens))]),
        ];
        if (series.All(s => s.Values.All(v => v <= 0)))
        {
            return ValueTask.FromResult<DashboardPanel?>(new("tokens", title, PanelHtml.Empty("No token usage in this range.")));
        }

        var chart = BarChart.Render(new BarChartData(
            title, [.. periods.Select(p => PanelHtml.PeriodLabel(p, query.Period))], series, v => HumanFormat.Tokens((long)v), HumanFormat.Count, Stacked: false, Width: PanelHtml.HalfPanelWidth));
        var total = data.ByPeriod.Total;
        var caption = $"{HumanFormat.Tokens(total.Headline(HeadlineMetric.InputTokens))} in, {HumanFormat.Tokens(total.Headline(HeadlineMetric.OutputTokens))} out (completions, embeddings, moderations, images, audio).";
        return ValueTask.FromResult<DashboardPanel?>(new("tokens", title, chart + PanelHtml.Legend(series) + PanelHtml.Caption(caption)));
    }
}
