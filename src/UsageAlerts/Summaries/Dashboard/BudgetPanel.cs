using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Rules;
using UsageAlerts.Summaries.Charts;

namespace UsageAlerts.Summaries.Dashboard;

/// <summary>
/// This month's spend against OpenAI's hard spend limits (ticks: OpenAI spend alerts) and against the rules'
/// budgets in their current periods (ticks: thresholds), above the charts. Limits not set or not readable are
/// listed by name. Left out when there is neither a budget nor a stored spend control.
/// </summary>
internal sealed class BudgetPanel(RulesProvider rules, BudgetCalculator budgets, HardLimitCalculator hardLimits, EvaluationContextFactory contexts) : IDashboardPanel
{
    public int Order => 10;

    public async ValueTask<DashboardPanel?> RenderAsync(DashboardData data, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateAsync(cancellationToken);
        var limits = await hardLimits.CalculateAsync(context, cancellationToken);
        var statuses = await budgets.CalculateAsync(rules.Current.Budgets, context, cancellationToken);
        if (limits.Count == 0 && statuses.Count == 0)
        {
            return null;
        }

        var gauges = limits.Where(l => l.LimitSet)
            .Select(l => new Gauge($"Hard limit: {l.Scope}", l.Spend.SpentUsd, l.Control.LimitUsd!.Value, l.LimitLabel, [.. l.Control.Alerts.Select(a => a.ThresholdUsd)], l.Enforcing))
            .Concat(statuses.Select(s => new Gauge(
                $"Budget: {s.Rule.Name}",
                s.SpentUsd,
                s.Rule.AmountUsd,
                s.Period.Key,
                [.. s.Rule.Thresholds.Select(t => s.Rule.AmountUsd * t.Percent / 100m)],
                false)))
            .ToList();
        var body = gauges.Count > 0 ? GaugeChart.Render("Spend against hard limits and budgets", gauges) : PanelHtml.Empty("No hard limit or budget to draw.");
        var unset = limits.Where(l => !l.LimitSet).Select(l => $"{l.Scope}: {l.LimitLabel}").ToList();
        var caption = "Hard limits are OpenAI's own (requests fail once reached); ticks mark spend alerts and budget thresholds. Month-to-date spend includes today's provisional costs.";
        if (unset.Count > 0)
        {
            caption += $" No hard limit shown for {string.Join("; ", unset.Take(8))}{(unset.Count > 8 ? "; …" : "")}.";
        }

        return new DashboardPanel("budgets", "Hard limits and budgets", body + PanelHtml.Caption(caption), Wide: true);
    }
}
