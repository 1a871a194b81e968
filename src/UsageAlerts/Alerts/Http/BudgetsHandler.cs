using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Alerts.HardLimits;
using UsageAlerts.Http;
using UsageAlerts.Pricing;
using UsageAlerts.Rules;

namespace UsageAlerts.Alerts.Http;

/// <summary>
/// <c>GET /api/budgets</c>: every budget in its current period — spent, percent, forecast, thresholds crossed, alert
/// state, the part estimated from usage, and when its costs are final; a period that ended but is not final yet is
/// listed as well, marked <c>late</c> — and, next to them, OpenAI's own hard spend limits and spend alerts with this month's spend against each,
/// the recent usage no rate prices and the drift of the estimate from the bill per day and project.
/// </summary>
internal sealed class BudgetsHandler(
    RulesProvider rules,
    BudgetCalculator calculator,
    HardLimitCalculator hardLimits,
    ScopeSpendReader scopeSpend,
    AlertStore alerts,
    PricingStore pricing,
    IOptions<PricingOptions> pricingOptions,
    EvaluationContextFactory contexts) : IRouteHandler
{
    private static readonly ThresholdBasis[] Bases = [ThresholdBasis.Actual, ThresholdBasis.Forecast];

    public async Task<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var context = await contexts.CreateAsync(cancellationToken);
        var (current, late) = await calculator.CalculateWithLateAsync(rules.Current.Budgets, context, cancellationToken);
        var statuses = late.Concat(current);
        var states = await alerts.LoadOpenAsync(cancellationToken);
        var limits = await hardLimits.CalculateAsync(context, cancellationToken);
        var spent = limits.Any(l => l.Control.LimitSet) ? await scopeSpend.ReadAsync(context.Now, cancellationToken) : default;
        var today = Storage.Periods.Day(context.Now);
        var estimates = await pricing.EstimatesAsync(today.AddDays(-pricingOptions.Value.DriftWindowDays), today.AddDays(1), cancellationToken);
        return HttpReply.Json(new
        {
            asOf = context.Now,
            dataTrusted = context.IsTrusted(EvaluationContext.CostsStream, TimeSpan.FromHours(6)),
            budgets = statuses.Select(s => new
            {
                name = s.Rule.Name,
                scope = BudgetSource.ScopeLabel(s.Rule.Scope, context),
                period = new { kind = s.Rule.Period, key = s.Period.Key, start = s.Period.Start, end = s.Period.End, daysLeft = Math.Round(s.Period.DaysLeft(context.Now), 2) },
                amountUsd = s.Rule.AmountUsd,
                spentUsd = s.SpentUsd,
                provisionalUsd = s.ProvisionalUsd,
                estimatedUsd = s.EstimatedUsd,
                late = s.Late,
                finalAt = s.FinalAt,
                percent = Math.Round(s.Percent, 2),
                runRateUsdPerDay = Math.Round(s.RunRateUsd, 6),
                forecastUsd = s.ForecastUsd,
                forecastPercent = Math.Round(s.ForecastPercent, 2),
                forecastMeaningful = s.ForecastMeaningful,
                thresholds = s.Rule.Thresholds.Select((t, i) => new { percent = t.Percent, on = t.On, crossedActual = i < s.ActualLevel, crossedForecast = i < s.ForecastLevel }),
                alerts = Bases
                    .Select(basis => states.GetValueOrDefault(AlertId.Budget(s.Rule, s.Period.Key, basis)))
                    .OfType<AlertState>()
                    .Select(state => AlertView.From(state, [])),
            }),
            unpricedLineItems = EstimateView.Unpriced(estimates, context),
            estimateDrift = EstimateView.Drift(estimates, context),
            openAiSpendControls = limits.Select(l => new
            {
                scope = l.Scope,
                projectId = l.Control.ProjectId,
                readAt = l.Control.ReadAt,
                month = l.Spend.Period.Key,
                spentUsd = l.Spend.SpentUsd,
                provisionalUsd = l.Spend.ProvisionalUsd,
                forecastUsd = l.Spend.ForecastUsd,
                hardLimit = new
                {
                    state = l.Control.LimitLabel,
                    amountUsd = l.Control.LimitUsd,
                    percent = l.Control.LimitSet ? Math.Round(l.Spend.Percent, 2) : (decimal?)null,
                    cutoff = l.Control.LimitUsd is { } amount ? Cutoff(CutoffForecast.For(amount, ScopeSpendReader.For(l.Control.ProjectId, spent, context.Now), context.Now), rules.Current.HardLimits) : null,
                    alert = l.Control.LimitSet && states.GetValueOrDefault(AlertId.HardLimit(l.Control.ProjectId)) is { } state ? AlertView.From(state, []) : null,
                },
                spendAlerts = new
                {
                    state = l.Control.AlertsLabel,
                    thresholds = l.Control.Alerts.Select(a => new { id = a.Id, amountUsd = a.ThresholdUsd, recipients = a.Recipients, reached = l.Spend.SpentUsd >= a.ThresholdUsd }),
                },
            }),
        });
    }

    /// <summary>The cutoff forecast as the hard-limit alert judges it: spend with the estimate, run-rate per hour, when reached.</summary>
    private static object Cutoff(CutoffForecast forecast, HardLimitRule rule) => new
    {
        spentUsd = forecast.SpentUsd,
        estimatedUsd = forecast.Spend.EstimatedUsd,
        runRateUsdPerHour = Math.Round(forecast.Spend.RunRateUsdPerHour, 6),
        reached = forecast.Reached,
        reachesAt = forecast.ReachesAt,
        level = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(forecast.Level(rule).ToString()),
    };
}
