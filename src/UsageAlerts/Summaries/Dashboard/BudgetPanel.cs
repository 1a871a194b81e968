using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Alerts.HardLimits;
using UsageAlerts.Rules;
using UsageAlerts.Storage;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// This month's spend against OpenAI's hard spend limits (ticks: OpenAI spend alerts; note: when the run-rate reaches
/// the limit) and against the rules' budgets in their current periods (ticks: thresholds; note: forecast, the part
/// estimated from usage, enforcement), above the charts. Limits not set or not readable are listed by name. Left out
/// when there is neither a budget nor a stored spend control.
/// </summary>
internal sealed class BudgetPanel(RulesProvider rules, BudgetCalculator budgets, SpendControlReader spendControls, ScopeSpendReader scopeSpend, EvaluationContextFactory contexts) : IDashboardPanel
{
    public int Order => 10;

    public async ValueTask<DashboardPanel?> RenderAsync(DashboardData data, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateAsync(cancellationToken);
        var limits = await spendControls.ReadAsync(cancellationToken);
        var statuses = await budgets.CalculateAsync(rules.Current.Budgets, context, cancellationToken);
        if (limits.Count == 0 && statuses.Count == 0)
        {
            return null;
        }

        var spent = limits.Any(l => l.LimitSet) ? await scopeSpend.ReadAsync(context.Now, cancellationToken) : default;
        var gauges = limits.Where(l => l.LimitSet)
            .Select(l =>
            {
                // The same forecast the cutoff alert judges, so the panel and the alert never disagree.
                var forecast = CutoffForecast.For(l.LimitUsd!.Value, ScopeSpendReader.For(l.ProjectId, spent, context.Now), context.Now);
                var level = forecast.Level(rules.Current.HardLimits);
                return new Gauge($"Hard limit: {l.Scope(context.ProjectNames)}", forecast.SpentUsd, forecast.LimitUsd, l.LimitLabel, [.. l.Alerts.Select(a => a.ThresholdUsd)], level >= CutoffLevel.Critical)
                {
                    Note = CutoffNote(forecast, context.Now),
                };
            })
            .Concat(statuses.Select(s => new Gauge(
                $"Budget: {s.Rule.Name}",
                s.SpentUsd,
                s.Rule.AmountUsd,
                s.Period.Key,
                [.. s.Rule.Thresholds.Select(t => s.Rule.AmountUsd * t.Percent / 100m)],
                false)
            {
                Note = BudgetNote(s),
            }))
            .ToList();
        var body = gauges.Count > 0 ? GaugeChart.Render("Spend against hard limits and budgets", gauges) : PanelHtml.Empty("No hard limit or budget to draw.");
        var unset = limits.Where(l => !l.LimitSet).Select(l => $"{l.Scope(context.ProjectNames)}: {l.LimitLabel}").ToList();
        var caption = "Hard limits are OpenAI's own (requests fail once reached); ticks mark spend alerts and budget thresholds. Month-to-date spend includes today's provisional costs, estimated from usage where OpenAI's bill lags.";
        if (unset.Count > 0)
        {
            caption += $" No hard limit shown for {string.Join("; ", unset.Take(8))}{(unset.Count > 8 ? "; …" : "")}.";
        }

        return new DashboardPanel("budgets", "Hard limits and budgets", body + PanelHtml.Caption(caption), Wide: true);
    }

    private static string CutoffNote(CutoffForecast forecast, DateTimeOffset now) =>
        forecast.Reached ? "reached: requests fail"
        : forecast.ReachesAt is { } at ? $"reached {HardLimitSource.In(at - now)}, {HardLimitSource.Around(at, now)}"
        : "not reached this month at the current rate";

    private static string? BudgetNote(BudgetStatus status)
    {
        var parts = new List<string>();
        if (status.ForecastMeaningful)
        {
            parts.Add($"forecast {HumanFormat.Usd(status.ForecastUsd)}");
        }

        if (status.EstimatedUsd > 0)
        {
            parts.Add($"{HumanFormat.Usd(status.EstimatedUsd)} estimated");
        }

        if (status.Rule.Enforce is { } enforce)
        {
            parts.Add(enforce.DryRun ? "enforce: dry run" : "enforced at OpenAI");
        }

        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }
}
